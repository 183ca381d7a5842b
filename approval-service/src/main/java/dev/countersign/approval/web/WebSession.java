package dev.countersign.approval.web;

import dev.countersign.approval.domain.Viewer;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is signed in to the inbox. The inbox takes the same bearer JWTs as the API: in the {@code Authorization}
 * header (automation) or, after the sign-in form, in an HttpOnly, Secure, SameSite=Strict {@code __Host-} cookie
 * (Path=/, no Domain) that smallrye-jwt reads ({@code mp.jwt.token.cookie}); both are verified by the same rules
 * (issuer, audience, RS256, required claims). The cookie opens the pages only: the JSON API wants the header
 * ({@link dev.countersign.approval.rest.BearerOnlyApi}). Nothing is kept on the server: signing out drops the
 * cookie, the token expires as it would anyway.
 */
@ApplicationScoped
public class WebSession {
    private final CurrentIdentityAssociation identities;
    private final JWTParser parser;
    private final String cookieName;

    WebSession(CurrentIdentityAssociation identities, JWTParser parser,
            @ConfigProperty(name = "mp.jwt.token.cookie") String cookieName) {
        this.identities = identities;
        this.parser = parser;
        this.cookieName = cookieName;
    }

    /**
     * Who asks: signed in (a valid token), nobody (no token: the browser may simply not have sent its SameSite=Strict
     * cookie, e.g. on a link followed from a mail, so the cookie must be left alone), or a token that is no longer
     * valid (expired, or from another deployment: drop the cookie).
     */
    public sealed interface State permits SignedIn, Anonymous, Invalid {
    }

    /** A valid token of {@code viewer}. */
    public record SignedIn(Viewer viewer) implements State {
    }

    /** No token at all. */
    public record Anonymous() implements State {
    }

    /** A token was presented and refused. */
    public record Invalid() implements State {
    }

    /** Who is asking (see {@link State}). */
    public Uni<State> state() {
        return identities.getDeferredIdentity()
                .<State>map(identity -> viewerOf(identity).<State>map(SignedIn::new).orElseGet(
                        () -> identity.isAnonymous() ? new Anonymous() : new Invalid()))
                .onFailure(AuthenticationFailedException.class).recoverWithItem(new Invalid());
    }

    private static Optional<Viewer> viewerOf(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Optional.empty();
        }
        String tenant = jwt.getClaim("tenant");
        String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
        if (tenant == null || tenant.isBlank() || subject == null) {
            return Optional.empty();
        }
        return Optional.of(new Viewer(tenant, subject, jwt.getGroups()));
    }

    /**
     * The session cookie for {@code token} when it is a valid Countersign token (same checks as every request);
     * empty otherwise. Lives as long as the token.
     */
    public Optional<NewCookie> signIn(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String raw = token.strip();
        if (raw.regionMatches(true, 0, "Bearer ", 0, 7)) {
            raw = raw.substring(7).strip();
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(raw);
        } catch (ParseException e) {
            return Optional.empty();
        }
        String tenant = jwt.getClaim("tenant");
        if (tenant == null || tenant.isBlank() || jwt.getSubject() == null) {
            return Optional.empty();
        }
        long seconds = Duration.between(Instant.now(), Instant.ofEpochSecond(jwt.getExpirationTime())).toSeconds();
        if (seconds <= 0) {
            return Optional.empty();
        }
        return Optional.of(cookie(raw, (int) Math.min(seconds, Integer.MAX_VALUE)));
    }

    /** The cookie that signs out (expires the session cookie). */
    public NewCookie signOut() {
        return cookie("", 0);
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(cookieName).value(value).path("/").httpOnly(true).secure(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}
