package dev.countersign.approval.web.links;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Rows of {@code approval_links}, in the session of the caller's {@code Transactions} unit of work. */
@ApplicationScoped
public class LinkRepository implements PanacheRepositoryBase<LinkEntity, String> {

    /**
     * Marks the links of {@code issueId} used, only if none was: answers how many rows changed (0 when the pair
     * was already used). The row locks this takes make a concurrent second use wait and then change nothing.
     */
    public Uni<Integer> consume(String issueId, Instant now) {
        return update("usedAt = :now where issueId = :issue and usedAt is null",
                Parameters.with("now", now).and("issue", issueId));
    }
}
