package dev.countersign.kit.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.contracts.Json;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Makes the REST layer write JSON exactly as the contracts do (no nulls, ISO instants). */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
