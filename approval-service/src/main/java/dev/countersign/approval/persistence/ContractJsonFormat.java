package dev.countersign.approval.persistence;

import dev.countersign.contracts.Json;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * Binds every {@code @JdbcTypeCode(SqlTypes.JSON)} column with the contracts' JSON mapping ({@link Json}): the
 * same snake_case records, ISO instants and lossless numbers (decimals as BigDecimal) as on Kafka and REST, so a
 * snapshot's 20-digit integer or long decimal is stored and read back exactly.
 */
@JsonFormat
@PersistenceUnitExtension
@ApplicationScoped
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
