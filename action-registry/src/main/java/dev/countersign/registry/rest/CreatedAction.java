package dev.countersign.registry.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.registry.service.ActionService;

/** The answer to a create: the stored version 1 and, this once only, its signing keys. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatedAction(@JsonUnwrapped ActionDefinition definition, String signingKeyId, String signingSecret,
        String signingPublicKey) {

    static CreatedAction of(ActionService.Saved saved) {
        return new CreatedAction(saved.definition(), saved.keys().keyId(), saved.keys().secret(),
                saved.keys().publicKey());
    }

    @Override
    public String toString() {
        return "CreatedAction[" + definition.name() + " v" + definition.version() + ", " + signingKeyId + "]";
    }
}
