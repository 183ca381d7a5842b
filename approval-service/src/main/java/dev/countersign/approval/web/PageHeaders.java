package dev.countersign.approval.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Browser hardening of every HTML page: no script at all, forms post only to this origin, never framed (so the
 * approve button of a link page cannot be clickjacked), no Referer (a link page's URL is its capability), and
 * nothing cached (pages show who may decide what, right now).
 */
public class PageHeaders {

    @WebPage
    @ServerResponseFilter
    public void harden(ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Cache-Control", "no-store");
    }
}
