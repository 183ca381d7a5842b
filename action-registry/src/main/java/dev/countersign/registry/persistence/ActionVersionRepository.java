package dev.countersign.registry.persistence;

import dev.countersign.registry.domain.ActionId;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Stored versions ({@link ActionVersionEntity}), in the Panache session of the caller. */
@ApplicationScoped
public class ActionVersionRepository implements PanacheRepositoryBase<ActionVersionEntity, ActionVersionEntity.Key> {

    /** Version {@code version} of {@code id}, or null. */
    public Uni<ActionVersionEntity> find(ActionId id, int version) {
        return findById(new ActionVersionEntity.Key(id.tenant(), id.assistant(), id.name(), version));
    }

    /**
     * The latest version of each of {@code tenant}'s actions, optionally only of {@code assistant} and only with
     * head status {@code status}, ordered by assistant and name.
     */
    public Uni<List<LatestVersion>> latest(String tenant, String assistant, String status, int limit, int offset) {
        return getSession().flatMap(session -> session.createSelectionQuery("select new "
                        + LatestVersion.class.getName() + "(v.definition, a.status) from ActionEntity a "
                        + "join ActionVersionEntity v on v.tenant = a.tenant and v.assistant = a.assistant "
                        + "and v.name = a.name and v.version = a.latestVersion "
                        + "where a.tenant = :tenant and (:assistant is null or a.assistant = :assistant) "
                        + "and (:status is null or a.status = :status) order by a.assistant, a.name",
                        LatestVersion.class)
                .setParameter("tenant", tenant)
                .setParameter("assistant", assistant)
                .setParameter("status", status)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
    }
}
