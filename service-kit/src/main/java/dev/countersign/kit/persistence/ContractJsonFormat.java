package dev.countersign.kit.persistence;

import dev.countersign.contracts.Json;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.inject.Singleton;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * Binds every {@code @JdbcTypeCode(SqlTypes.JSON)} column of every service with the contracts' JSON mapping
 * ({@link Json#mapper()}): the same snake_case records, ISO instants and lossless numbers (decimals as BigDecimal,
 * big integers as BigInteger) as on Kafka and REST. Declared here because Quarkus does not reuse its REST
 * {@code ObjectMapper} for columns once it is customised, and one binding idiom serves every service.
 */
@JsonFormat
@PersistenceUnitExtension
@Singleton
public class ContractJsonFormat implements FormatMapper {
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
