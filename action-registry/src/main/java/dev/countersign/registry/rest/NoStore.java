package dev.countersign.registry.rest;

import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/** Answers that carry a secret: {@code Cache-Control: no-store}, so no browser, proxy or CDN keeps a copy. */
final class NoStore {
    static final String VALUE = "no-store";

    private NoStore() {
    }

    static <T> RestResponse<T> ok(T body) {
        return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.CACHE_CONTROL, VALUE).build();
    }

    static <T> RestResponse<T> created(URI location, T body) {
        return RestResponse.ResponseBuilder.<T>created(location).entity(body).header(HttpHeaders.CACHE_CONTROL, VALUE)
                .build();
    }
}
