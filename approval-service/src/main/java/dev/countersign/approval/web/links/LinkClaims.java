package dev.countersign.approval.web.links;

import dev.countersign.approval.domain.Decision;
import java.time.Instant;
import java.util.Objects;

/**
 * What a one-time link's token is bound to: the link row ({@code linkId}), the tenant, the proposal, the approver
 * (a subject), the decision it makes, the digest the approver was shown and the link's deadline. Signed as a
 * whole, so none of them can be changed without the secret.
 */
public record LinkClaims(String linkId, String tenant, String proposalId, String approver, Decision decision,
        String digest, Instant expiresAt) {

    public LinkClaims {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
