package dev.countersign.approval.persistence;

import dev.countersign.approval.domain.DecisionRecord;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The decisions recorded on approvals, oldest first. */
@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<DecisionEntity, DecisionEntity.Key> {

    /** Every decision on one approval, oldest first. */
    public Uni<List<DecisionRecord>> of(String tenant, String proposalId) {
        return find("tenant = :tenant and proposalId = :id order by at, revision, actor, decision",
                Parameters.with("tenant", tenant).and("id", proposalId)).list()
                .map(rows -> rows.stream().map(DecisionEntity::toRecord).toList());
    }

    /** The decisions on several approvals of one tenant, by proposal id. */
    public Uni<Map<String, List<DecisionRecord>>> of(String tenant, Collection<String> proposalIds) {
        if (proposalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find("tenant = :tenant and proposalId in :ids order by at, revision, actor, decision",
                Parameters.with("tenant", tenant).and("ids", proposalIds)).list()
                .map(rows -> {
                    Map<String, List<DecisionRecord>> byId = new LinkedHashMap<>();
                    for (DecisionEntity row : rows) {
                        byId.computeIfAbsent(row.proposalId, k -> new java.util.ArrayList<>()).add(row.toRecord());
                    }
                    return byId;
                });
    }
}
