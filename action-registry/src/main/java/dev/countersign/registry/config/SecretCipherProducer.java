package dev.countersign.registry.config;

import dev.countersign.registry.domain.SecretCipher;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** The one {@link SecretCipher} of the registry, built from the configured master keys. */
public class SecretCipherProducer {

    @Produces
    @Singleton
    SecretCipher cipher(RegistryConfig config) {
        return new SecretCipher(config.masterKeys());
    }
}
