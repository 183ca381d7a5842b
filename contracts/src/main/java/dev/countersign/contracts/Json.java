package dev.countersign.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON mapping every producer and consumer of the contracts uses: ISO-8601 instants, no nulls
 * written, unknown fields tolerated (the contract only grows additively), and numbers kept exact: decimals are
 * read as {@link java.math.BigDecimal} (and integers beyond {@code long} as {@link java.math.BigInteger}), never
 * rounded through {@code double}, so an amount survives validation, events and the audit log as it was sent.
 */
public final class Json {
    private static final ObjectMapper MAPPER = configure(JsonMapper.builder().build());

    private Json() {
    }

    /** A shared, thread-safe mapper configured for the contracts. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the contract settings to an existing mapper (e.g. the one Quarkus manages). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // keep a decimal as it was spelled: 100.0 stays 100.0 (not 1E+2) in responses and events
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
