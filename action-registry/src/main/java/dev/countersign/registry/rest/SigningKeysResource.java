package dev.countersign.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.registry.domain.SigningKeys;
import dev.countersign.registry.persistence.ActionRepository;
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

/** An action's webhook signing keys: public keys for receivers, rotation for admins. */
@Path("/v1/actions/{tenant}/{assistant}/{name}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "signing keys")
@SecurityRequirement(name = "bearer")
public class SigningKeysResource {
    private final SigningKeys signingKeys;
    private final ActionRepository actions;
    private final Caller caller;

    SigningKeysResource(SigningKeys signingKeys, ActionRepository actions, Caller caller) {
        this.signingKeys = signingKeys;
        this.actions = actions;
        this.caller = caller;
    }

    @GET
    @Path("/signing-keys")
    @Operation(summary = "Public signing keys (v1a, whpk_...) with their validity; never secrets")
    public Uni<ObjectNode> publicKeys(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name) {
        caller.requireTenant(tenant, "action");
        return actions.find(tenant, assistant, name, null).flatMap(d -> {
            if (d == null) {
                throw ProblemException.notFound("action not found");
            }
            return signingKeys.all(tenant, assistant, name);
        }).map(keys -> {
            ObjectNode out = Json.mapper().createObjectNode();
            var items = out.putArray("keys");
            for (var key : keys) {
                var item = items.addObject().put("key_id", key.keyId()).put("public_key", key.publicKey())
                        .put("created_at", key.createdAt().toInstant().toString());
                if (key.expiresAt() != null) {
                    item.put("expires_at", key.expiresAt().toInstant().toString());
                }
            }
            return out;
        });
    }

    @POST
    @Path("/rotate-signing-key")
    @Operation(summary = "Rotate the signing key", description = "Issues a new v1 secret and v1a key pair, shown "
            + "this once; the previous keys stay valid for the configured overlap (default 24 h), during which "
            + "deliveries carry signatures of both.")
    public Uni<ObjectNode> rotate(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name) {
        caller.requireAdmin(tenant, "action");
        return signingKeys.rotate(tenant, assistant, name).map(rotation -> {
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("signing_key_id", rotation.key().keyId());
            out.put("signing_secret", rotation.key().secret());
            out.put("signing_public_key", rotation.key().publicKey());
            out.put("previous_keys_valid_for_seconds", rotation.previousValidForSeconds());
            return out;
        });
    }
}
