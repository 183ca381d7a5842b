package dev.countersign.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.internal.ActionVersion;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.rest.Problem;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.rest.ProblemMappers;
import dev.countersign.kit.security.Caller;
import dev.countersign.registry.config.RegistryConfig;
import dev.countersign.registry.domain.ActionId;
import dev.countersign.registry.service.ActionService;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code GET /internal/v1/actions/{tenant}/{assistant}/{name}/versions/{version}}: what the executor needs to
 * deliver a pinned version ({@link ActionVersion}: the definition, the signing keys valid now, the credential it
 * names). Served only on the internal listener, the Quarkus management interface
 * ({@code quarkus.management.port}), never on the public port, so an ingress for {@code /v1} cannot expose it.
 * That listener has no Quarkus security of its own, so the bearer token is verified here with the same
 * {@link JWTParser} settings as the public port (issuer, audience, RS256, required claims); the caller must be
 * in {@code countersign-service} and its subject allow-listed in {@code countersign.registry.internal-callers}.
 */
@ApplicationScoped
public class InternalSecretsRoute {
    /** The route on the management router (not under its {@code /q} root). */
    public static final String PATH = "/internal/v1/actions/:tenant/:assistant/:name/versions/:version";

    private final ActionService actions;
    private final JWTParser jwt;
    private final RegistryConfig config;
    private final ProblemMappers problems = new ProblemMappers();

    InternalSecretsRoute(ActionService actions, JWTParser jwt, RegistryConfig config) {
        this.actions = actions;
        this.jwt = jwt;
        this.config = config;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get(PATH).handler(this::handle);
    }

    void handle(RoutingContext rc) {
        JsonWebToken token = authenticate(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            answer(rc, problems.unauthorized(new SecurityException("no valid bearer token")));
            return;
        }
        if (token.getGroups() == null || !token.getGroups().contains(Caller.SERVICE)) {
            answer(rc, problems.forbidden(new io.quarkus.security.ForbiddenException()));
            return;
        }
        if (!config.internalCallers().contains(token.getSubject())) {
            answer(rc, problems.problem(
                    ProblemException.forbidden("This service credential may not read signing secrets.")));
            return;
        }
        int version;
        try {
            version = Integer.parseInt(rc.pathParam("version"));
        } catch (NumberFormatException e) {
            answer(rc, problems.domain(versionNotFound()));
            return;
        }
        ActionId id = new ActionId(rc.pathParam("tenant"), rc.pathParam("assistant"), rc.pathParam("name"));
        // Vert.x serves each request on its own duplicated context, where the Panache session of the read lives.
        actions.forExecutor(id, version).subscribe().with(
                answer -> json(rc, 200, "application/json", answer),
                failure -> answer(rc, failure instanceof DomainException d
                        ? problems.domain(d.kind() == DomainException.Kind.NOT_FOUND ? versionNotFound() : d)
                        : problems.unexpected(failure)));
    }

    // The executor fails an execution for good only on this code (ActionVersion.NOT_FOUND), never on a bare 404.
    private static DomainException versionNotFound() {
        return new DomainException(DomainException.Kind.NOT_FOUND, ActionVersion.NOT_FOUND, "action version not found");
    }

    /** The verified token, or null when there is none or it does not verify. */
    private JsonWebToken authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            return jwt.parse(authorization.substring(7).trim());
        } catch (ParseException e) {
            Log.debugf("internal call refused: %s", e.getMessage());
            return null;
        }
    }

    // A problem as the public port's mapper would write it.
    private static void answer(RoutingContext rc, Response response) {
        Object authenticate = response.getHeaderString("WWW-Authenticate");
        if (authenticate != null) {
            rc.response().putHeader("WWW-Authenticate", authenticate.toString());
        }
        json(rc, response.getStatus(), Problem.MEDIA_TYPE, (Problem) response.getEntity());
    }

    // Every answer of this route may carry secrets (or say which action exists): never cached anywhere.
    private static void json(RoutingContext rc, int status, String contentType, Object body) {
        String text;
        try {
            text = Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            Log.error("internal answer not serialisable", e);
            rc.response().setStatusCode(500).end();
            return;
        }
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(text);
    }
}
