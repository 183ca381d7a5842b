package dev.countersign.proposal.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.persistence.Transactions;
import dev.countersign.proposal.domain.Outcome;
import dev.countersign.proposal.domain.Submission;
import dev.countersign.proposal.domain.Submitter;
import dev.countersign.proposal.persistence.Proposal;
import dev.countersign.proposal.persistence.ProposalRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the HTTP API does with proposals: submit one for an authenticated {@link Submitter} (through the same
 * {@link ProposalIntake} as Kafka) and read one back within the caller's tenant.
 */
@ApplicationScoped
public class ProposalService {
    private final ProposalIntake intake;
    private final ProposalRepository proposals;
    private final Transactions transactions;

    ProposalService(ProposalIntake intake, ProposalRepository proposals, Transactions transactions) {
        this.intake = intake;
        this.proposals = proposals;
        this.transactions = transactions;
    }

    /**
     * Submits {@code body} (the {@code proposal.submitted} data plus an optional {@code proposal_id}) as
     * {@code submitter}; a request refused before intake (see {@link Submission#fromHttp}) fails with a
     * {@link DomainException} and publishes nothing.
     */
    public Uni<Outcome> submit(JsonNode body, Submitter submitter) {
        return Uni.createFrom().deferred(() -> intake.submit(Submission.fromHttp(body, submitter)));
    }

    /**
     * The proposal {@code proposalId} of the reader's tenant; {@code not_found} when there is none or the reader
     * may not see it (another tenant's, or another assistant's for a token bound to one), so its existence is not
     * revealed.
     */
    public Uni<Proposal> find(Submitter reader, String proposalId) {
        return transactions.read(session -> proposals.find(reader.tenant(), proposalId)).map(p -> {
            if (p == null || !reader.mayRead(p.assistant)) {
                throw DomainException.notFound("proposal not found");
            }
            return p;
        });
    }
}
