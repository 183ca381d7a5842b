package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.ActionId;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

/** Action heads ({@link ActionEntity}), in the Panache session of the caller's transaction. */
@ApplicationScoped
public class ActionRepository implements PanacheRepositoryBase<ActionEntity, ActionEntity.Key> {

    /** The head of {@code id}, or null; when there is one its row stays locked until the transaction ends. */
    public Uni<ActionEntity> lock(ActionId id) {
        return findById(ActionEntity.Key.of(id), LockModeType.PESSIMISTIC_WRITE);
    }

    /** The head of {@code id}, or null. */
    public Uni<ActionEntity> find(ActionId id) {
        return findById(ActionEntity.Key.of(id));
    }
}
