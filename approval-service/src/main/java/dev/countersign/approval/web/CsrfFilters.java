package dev.countersign.approval.web;

import io.quarkus.logging.Log;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * CSRF protection of the inbox and link pages (double-submit cookie, as the OWASP cheat sheet describes): a
 * safe request gets a random token in an HttpOnly, Secure, SameSite=Lax cookie (unless it has one) and the
 * page embeds the same token in a hidden {@value #FIELD} field of each form; an unsafe request is accepted only as
 * a form whose field equals the cookie (compared in constant time). A page of another site can neither read the
 * cookie nor set the field, so it cannot forge a form post. Lax rather than Strict: the token is no credential, and
 * a Strict cookie is not sent on a link followed from a mail, so the link page would mint a new token and break the
 * forms of inbox tabs already open; a cross-site POST still carries no Lax cookie.
 *
 * <p>The cookie is a {@code __Host-} cookie (Secure, Path=/, no Domain): browsers accept it only from a secure origin
 * (localhost counts) and never from a subdomain, so a sibling host cannot plant a token of its choosing and then
 * submit a form carrying it.
 *
 * <p>Ours rather than the quarkus-rest-csrf extension, whose release for this Quarkus version is not published;
 * the field name is the extension's and its cookie name is configurable, so switching to it later changes no
 * template.
 */
public class CsrfFilters {
    /** The cookie holding the token. */
    public static final String COOKIE = "__Host-csrf-token";
    /** The form field that must repeat it. */
    public static final String FIELD = "csrf-token";
    private static final String TOKEN_KEY = "countersign.csrf.token";
    private static final String NEW_KEY = "countersign.csrf.new";
    private static final int TOKEN_BYTES = 32;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The CSRF token of this request, for the page's forms. */
    public static String token(RoutingContext routing) {
        String token = routing.get(TOKEN_KEY);
        if (token == null) {
            throw new IllegalStateException("no CSRF token: the resource is not a @WebPage");
        }
        return token;
    }

    @WebPage
    @WithFormRead
    @ServerRequestFilter
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        String cookie = wellFormed(routing.request().getCookie(COOKIE));
        if (SAFE.contains(request.getMethod())) {
            if (cookie == null) {
                cookie = newToken();
                routing.put(NEW_KEY, Boolean.TRUE);
            }
            routing.put(TOKEN_KEY, cookie);
            return null;
        }
        MediaType type = request.getMediaType();
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE))) {
            return refused("not a form");
        }
        Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(FIELD, true, false);
        if (cookie == null || !(field instanceof String submitted) || !MessageDigest.isEqual(
                cookie.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII))) {
            return refused(cookie == null ? "no CSRF cookie" : "CSRF field missing or different");
        }
        routing.put(TOKEN_KEY, cookie);
        return null;
    }

    @WebPage
    @ServerResponseFilter
    public void issue(ContainerResponseContext response, RoutingContext routing) {
        if (Boolean.TRUE.equals(routing.get(NEW_KEY))) {
            Cookie cookie = Cookie.cookie(COOKIE, routing.get(TOKEN_KEY)).setPath("/").setHttpOnly(true)
                    .setSecure(true).setSameSite(CookieSameSite.LAX);
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie.encode());
        }
    }

    private static String wellFormed(Cookie cookie) {
        if (cookie == null) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(cookie.getValue()).length == TOKEN_BYTES ? cookie.getValue() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Response refused(String why) {
        Log.debugf("form refused: %s", why);
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Form refused</title>"
                        + "</head><body><h1>Form refused</h1><p>This form was not sent from a page of this inbox, or "
                        + "the page is too old. Reload the page and try again.</p><p><a href=\"/\">Back to the "
                        + "inbox</a></p></body></html>")
                .build();
    }
}
