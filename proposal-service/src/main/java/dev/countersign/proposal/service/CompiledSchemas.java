package dev.countersign.proposal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import dev.countersign.kit.schema.JsonSchemas;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * Compiled parameter schemas, cached per action version in the Quarkus cache {@value #CACHE} (Caffeine, bounded by
 * {@code quarkus.cache.caffeine."parameter-schemas".maximum-size}). A version is immutable, so its key alone
 * identifies the schema; a schema that fails to compile is not cached. Used through the cache's Caffeine view rather
 * than {@code @CacheResult}: validation runs on the event loop, where the annotation's synchronous path would block
 * waiting for the value.
 */
@ApplicationScoped
public class CompiledSchemas {
    /** Name of the cache. */
    public static final String CACHE = "parameter-schemas";

    private final CaffeineCache cache;

    CompiledSchemas(@CacheName(CACHE) Cache cache) {
        this.cache = cache.as(CaffeineCache.class);
    }

    /** {@code schema}, the parameters schema of the action version {@code versionKey}, compiled offline. */
    public JsonSchema compile(String versionKey, JsonNode schema) {
        CompletableFuture<JsonSchema> cached = cache.getIfPresent(versionKey);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
            return cached.join(); // already complete: returns at once
        }
        // Two proposals of a new version may both compile it once; cheaper than making either wait.
        JsonSchema compiled = JsonSchemas.compile(schema);
        cache.put(versionKey, CompletableFuture.completedFuture(compiled));
        return compiled;
    }
}
