package dev.countersign.kit.security;

import dev.countersign.contracts.Roles;
import dev.countersign.kit.rest.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The authenticated caller of a request: its tenant (the {@code tenant} claim) and groups. Resources use it
 * so that a caller only ever sees its own tenant: a foreign tenant's resource answers 404, never 403.
 */
@RequestScoped
public class Caller {
    /** Group that may write its tenant's definitions. */
    public static final String ADMIN = Roles.ADMIN;
    /** Group of other Countersign services calling internal endpoints. */
    public static final String SERVICE = Roles.SERVICE;

    private final JsonWebToken jwt;

    Caller(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** The caller's tenant; a token without one is refused. */
    public String tenant() {
        String tenant = jwt.getClaim("tenant");
        if (tenant == null || tenant.isBlank()) {
            throw ProblemException.forbidden("The token has no 'tenant' claim.");
        }
        return tenant;
    }

    /** The subject (user or service id) of the token. */
    public String id() {
        return jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
    }

    public Set<String> groups() {
        return jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    }

    public boolean inGroup(String group) {
        return groups().contains(group);
    }

    /** Passes when {@code tenant} is the caller's; otherwise answers 404 as if the resource did not exist. */
    public void requireTenant(String tenant, String what) {
        if (!tenant().equals(tenant)) {
            throw ProblemException.notFound(what + " not found");
        }
    }

    /** Passes for a tenant admin of {@code tenant}. */
    public void requireAdmin(String tenant, String what) {
        requireTenant(tenant, what);
        if (!inGroup(ADMIN)) {
            throw ProblemException.forbidden("Only a countersign-admin of the tenant may do this.");
        }
    }
}
