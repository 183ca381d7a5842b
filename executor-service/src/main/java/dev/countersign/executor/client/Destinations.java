package dev.countersign.executor.client;

import dev.countersign.kit.egress.EgressPolicy;
import dev.countersign.kit.egress.EgressRefusedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;

/**
 * Resolves a webhook host through the egress policy before each call (DESIGN §6): the address to connect to, a
 * refusal, or a DNS failure. Executions and dry-run calls use it alike. Resolution blocks, so it runs on a
 * worker thread; callers return to their event loop afterwards.
 */
@ApplicationScoped
public class Destinations {
    private final EgressPolicy egress;

    Destinations(EgressPolicy egress) {
        this.egress = egress;
    }

    /** The result of resolving a host: an address to connect to, a refusal, or a DNS failure (one is set). */
    public record Resolution(InetAddress address, String refusal, String unresolvable) {
    }

    /** Resolves {@code host} on a worker thread; never fails. */
    public Uni<Resolution> resolve(String host) {
        return Uni.createFrom().item(() -> {
            try {
                return new Resolution(egress.resolve(host), null, null);
            } catch (EgressRefusedException e) {
                return EgressRefusedException.UNRESOLVABLE.equals(e.code()) ? new Resolution(null, null, e.getMessage())
                        : new Resolution(null, e.getMessage(), null);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
