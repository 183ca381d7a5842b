package dev.countersign.registry.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.registry.service.SigningKeyService;

/** The answer to a rotation: the new keys, shown this once, and how long the previous ones stay valid. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RotatedKey(String signingKeyId, String signingSecret, String signingPublicKey,
        long previousKeysValidForSeconds) {

    static RotatedKey of(SigningKeyService.Rotation rotation) {
        return new RotatedKey(rotation.key().keyId(), rotation.key().secret(), rotation.key().publicKey(),
                rotation.previousValidForSeconds());
    }

    @Override
    public String toString() {
        return "RotatedKey[" + signingKeyId + "]";
    }
}
