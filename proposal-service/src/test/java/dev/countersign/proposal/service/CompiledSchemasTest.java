package dev.countersign.proposal.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import dev.countersign.contracts.Json;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.PostgresResource;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Compiled parameter schemas live in a bounded Quarkus cache: compiled once per version, never more than the max. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_proposal_test"))
class CompiledSchemasTest {
    @Inject
    CompiledSchemas schemas;

    @Inject
    @CacheName(CompiledSchemas.CACHE)
    Cache cache;

    static JsonNode schema() throws Exception {
        return Json.mapper().readTree("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"string\", "
                + "\"pattern\": \"^x\"}}}");
    }

    @Test
    void aVersionIsCompiledOnce() throws Exception {
        String key = "acme/bot/cached-" + UUID.randomUUID() + "@1";
        JsonSchema first = schemas.compile(key, schema());
        assertThat(schemas.compile(key, schema())).isSameAs(first);
        assertThat(cache.as(CaffeineCache.class).keySet()).contains(key);
    }

    @Test
    void theCacheNeverHoldsMoreThanItsConfiguredMaximum() throws Exception {
        long max = ConfigProvider.getConfig()
                .getValue("quarkus.cache.caffeine.\"parameter-schemas\".maximum-size", Long.class);
        assertThat(max).isEqualTo(1000);
        CaffeineCache caffeine = cache.as(CaffeineCache.class);
        JsonNode schema = schema();
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < max + 100; i++) {
            schemas.compile("acme/bot/bulk-" + run + "-" + i + "@1", schema);
        }
        // Caffeine evicts in its maintenance cycle, just after the inserts.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> caffeine.keySet().size() <= max);
    }
}
