package dev.countersign.kit.egress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the configured {@link EgressPolicy} injectable. */
public class EgressPolicyProducer {

    @Produces
    @ApplicationScoped
    EgressPolicy policy(EgressConfig config) {
        return EgressPolicy.from(config);
    }
}
