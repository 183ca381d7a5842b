package dev.countersign.audit.persistence;

import dev.countersign.contracts.Json;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.inject.Singleton;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * How JSON columns are read into typed fields: with the contracts' mapping ({@link Json#mapper()}), which reads
 * decimals as BigDecimal and large integers as BigInteger, so a stored number comes back with every digit. Declared
 * on purpose instead of Quarkus' REST mapper (which Quarkus refuses to reuse for columns once it is customised).
 */
@JsonFormat
@PersistenceUnitExtension
@Singleton
public class ExactJsonFormat implements FormatMapper {
    private final FormatMapper delegate = new JacksonJsonFormatMapper(Json.mapper());

    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        return delegate.fromString(text, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return delegate.toString(value, type, options);
    }
}
