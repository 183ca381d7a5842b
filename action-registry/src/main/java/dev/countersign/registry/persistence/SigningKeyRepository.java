package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.ActionId;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Key generations ({@link SigningKeyEntity}) of an action, newest first, in the Panache session of the caller. */
@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKeyEntity, SigningKeyEntity.Key> {
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("keyId");
    private static final String OF_ACTION = "tenant = :tenant and assistant = :assistant and name = :name";

    /** Keys valid at {@code now}, newest first. */
    public Uni<List<SigningKeyEntity>> valid(ActionId id, Instant now) {
        return find(OF_ACTION + " and (expiresAt is null or expiresAt > :now)", NEWEST_FIRST, of(id).and("now", now))
                .list();
    }

    /** Every key ever issued, newest first. */
    public Uni<List<SigningKeyEntity>> all(ActionId id) {
        return find(OF_ACTION, NEWEST_FIRST, of(id)).list();
    }

    /** Ends every key still valid after {@code until} at {@code until}; an earlier end is never extended. */
    public Uni<Integer> expireAfter(ActionId id, Instant until) {
        return update("expiresAt = :until where " + OF_ACTION + " and (expiresAt is null or expiresAt > :until)",
                of(id).and("until", until));
    }

    private static Parameters of(ActionId id) {
        return Parameters.with("tenant", id.tenant()).and("assistant", id.assistant()).and("name", id.name());
    }
}
