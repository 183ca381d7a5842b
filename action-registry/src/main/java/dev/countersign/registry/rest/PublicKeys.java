package dev.countersign.registry.rest;

import dev.countersign.registry.service.SigningKeyService;
import java.util.List;

/** An action's public signing keys with their validity, newest first; never secrets. */
public record PublicKeys(List<SigningKeyService.PublicKey> keys) {
}
