package dev.countersign.executor.persistence;

import java.io.Serializable;
import java.util.Objects;

/** The key of an execution record, {@code (tenant, proposal_id)}: a proposal id is unique per tenant (DESIGN §2). */
public class ExecutionId implements Serializable {
    public String tenant;
    public String proposalId;

    public ExecutionId() {
    }

    public ExecutionId(String tenant, String proposalId) {
        this.tenant = tenant;
        this.proposalId = proposalId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionId other && Objects.equals(tenant, other.tenant)
                && Objects.equals(proposalId, other.proposalId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, proposalId);
    }

    @Override
    public String toString() {
        return tenant + "/" + proposalId;
    }
}
