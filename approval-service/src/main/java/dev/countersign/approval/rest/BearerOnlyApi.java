package dev.countersign.approval.rest;

import dev.countersign.kit.rest.Problem;
import dev.countersign.kit.rest.ProblemException;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The JSON API ({@code /v1/**}) is authenticated by the {@code Authorization: Bearer} header, never by the inbox's
 * session cookie alone. smallrye-jwt reads the token from that cookie first ({@code mp.jwt.token.cookie}, so the
 * inbox pages work), and a browser attaches the cookie to every request to this origin; without this filter a page
 * of this origin, or any request a browser can be made to send, would act on the API as the signed-in person. A
 * header cannot be attached that way, so a request to the API that carries the session cookie must also carry the
 * same token as a bearer header: a cookie without a header, or with a header naming another token (which would be
 * ignored in the cookie's favour), is refused 401 {@code unauthorized}. Requests without the cookie (every API
 * client) are left to the usual bearer-token checks.
 */
public class BearerOnlyApi {
    private static final String BEARER = "Bearer ";
    private final String sessionCookie;

    BearerOnlyApi(@ConfigProperty(name = "mp.jwt.token.cookie") String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseSessionCookie(RoutingContext routing) {
        if (!isApi(routing.normalizedPath())) {
            return null;
        }
        Cookie cookie = routing.request().getCookie(sessionCookie);
        if (cookie == null) {
            return null;
        }
        String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refused("The API does not accept the inbox's session cookie as a credential: send the token as "
                    + "Authorization: Bearer <token>.");
        }
        String bearer = authorization.substring(BEARER.length()).strip();
        if (!MessageDigest.isEqual(bearer.getBytes(StandardCharsets.UTF_8),
                cookie.getValue().getBytes(StandardCharsets.UTF_8))) {
            return refused("The request carries the inbox's session cookie and an Authorization: Bearer token that "
                    + "differ; the API is authenticated by the Authorization header only, so send it without the "
                    + "session cookie.");
        }
        return null;
    }

    // /v1 and below, however the path is spelt (dot segments are already resolved; repeated slashes are not).
    static boolean isApi(String path) {
        String p = path == null ? "" : path.replaceAll("/{2,}", "/");
        return p.equals("/v1") || p.startsWith("/v1/");
    }

    private static Response refused(String detail) {
        Problem problem = new ProblemException(401, "unauthorized", "Unauthorized", detail).toProblem();
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(problem).build();
    }
}
