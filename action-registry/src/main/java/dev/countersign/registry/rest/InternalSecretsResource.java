package dev.countersign.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.registry.config.RegistryConfig;
import dev.countersign.registry.domain.Credentials;
import dev.countersign.registry.domain.SigningKeys;
import dev.countersign.registry.persistence.ActionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the executor needs to deliver a pinned version: the definition and the signing keys currently
 * valid (v1 secrets, v1a private keys), newest first. Only for callers in the {@code countersign-service} group; secrets never travel on Kafka.
 */
@Path("/internal/v1/actions/{tenant}/{assistant}/{name}/versions/{version}")
@RolesAllowed(Caller.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalSecretsResource {
    private final ActionRepository repository;
    private final SigningKeys signingKeys;

    private final Credentials credentials;
    private final Caller caller;
    private final RegistryConfig config;

    InternalSecretsResource(ActionRepository repository, SigningKeys signingKeys, Credentials credentials,
            Caller caller, RegistryConfig config) {
        this.repository = repository;
        this.signingKeys = signingKeys;
        this.credentials = credentials;
        this.caller = caller;
        this.config = config;
    }

    @GET
    @Operation(summary = "Definition version and active signing secrets, for the executor")
    public Uni<ObjectNode> get(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name, @PathParam("version") int version) {
        if (!config.internalCallers().contains(caller.id())) {
            throw ProblemException.forbidden("This service credential may not read signing secrets.");
        }
        return repository.find(tenant, assistant, name, version).flatMap(d -> {
            if (d == null) {
                throw ProblemException.notFound("action version not found");
            }
            var auth = d.execution() == null ? null : d.execution().auth();
            Uni<String> credential = auth == null ? Uni.createFrom().nullItem()
                    : credentials.unseal(tenant, auth.credential());
            return Uni.combine().all().unis(signingKeys.unsealValid(tenant, assistant, name), credential).asTuple()
                    .map(both -> {
                var keys = both.getItem1();
                ObjectNode out = Json.mapper().createObjectNode();
                out.set("definition", Json.mapper().valueToTree(d));
                var secrets = out.putArray("signing_secrets");
                var pairs = out.putArray("signing_keys");
                for (var key : keys) {
                    secrets.add(key.secret());
                    pairs.addObject().put("key_id", key.keyId()).put("secret", key.secret())
                            .put("private_key", key.privateKey()).put("public_key", key.publicKey());
                }
                if (auth != null && both.getItem2() != null) {
                    out.putObject("credentials").put(auth.credential(), both.getItem2());
                }
                return out;
            });
        });
    }
}
