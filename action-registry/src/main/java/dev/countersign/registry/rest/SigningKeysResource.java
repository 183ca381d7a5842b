package dev.countersign.registry.rest;

import dev.countersign.kit.security.Caller;
import dev.countersign.registry.domain.ActionId;
import dev.countersign.registry.service.SigningKeyService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** An action's webhook signing keys: public keys for receivers, rotation for admins. */
@Path("/v1/actions/{tenant}/{assistant}/{name}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signing keys")
@SecurityRequirement(name = "bearer")
public class SigningKeysResource {
    private final SigningKeyService signingKeys;
    private final Caller caller;

    SigningKeysResource(SigningKeyService signingKeys, Caller caller) {
        this.signingKeys = signingKeys;
        this.caller = caller;
    }

    @GET
    @Path("/signing-keys")
    @Operation(summary = "Public signing keys (v1a, whpk_...) with their validity; never secrets")
    public Uni<PublicKeys> publicKeys(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name) {
        caller.requireTenant(tenant, "action");
        return signingKeys.publicKeys(new ActionId(tenant, assistant, name)).map(PublicKeys::new);
    }

    @POST
    @Path("/rotate-signing-key")
    @Operation(summary = "Rotate the signing key", description = "Issues a new v1 secret and v1a key pair, shown "
            + "this once; the previous keys stay valid for the configured overlap (default 24 h), during which "
            + "deliveries carry signatures of both.")
    public Uni<RestResponse<RotatedKey>> rotate(@PathParam("tenant") String tenant,
            @PathParam("assistant") String assistant, @PathParam("name") String name) {
        caller.requireAdmin(tenant, "action");
        return signingKeys.rotate(new ActionId(tenant, assistant, name)).map(r -> NoStore.ok(RotatedKey.of(r)));
    }
}
