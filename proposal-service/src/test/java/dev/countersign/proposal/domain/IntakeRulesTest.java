package dev.countersign.proposal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalRejected;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Judging a screened proposal against the action version the replica holds. */
class IntakeRulesTest {
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final IntakeRules rules = new IntakeRules(new ParameterValidator(), 10080);

    static ActionDefinition definition(String approval) throws Exception {
        return Json.mapper().readValue("""
            {"tenant": "acme", "assistant": "bot", "name": "refund", "version": 3, "status": "active",
             "approval": %s,
             "parameters_json_schema": {"type": "object", "properties": {"amount": {"type": "number"}},
                                        "required": ["amount"]}}
            """.formatted(approval), ActionDefinition.class);
    }

    static Submission submission(String parameters, String extra) {
        ObjectNode data = SubmissionTest.json("""
            {"tenant": "acme", "assistant": "bot", "action": "refund", "parameters": %s %s}
            """.formatted(parameters, extra));
        return new Submission("p-1", data, Submission.HTTP, Submission.HTTP, "bot-backend");
    }

    Outcome judge(Submission s, ActionState state) {
        IntakeRules.Screened screened = rules.screen(s);
        assertThat(screened.rejection()).isNull();
        return rules.decide(s, screened.proposal(), state, NOW);
    }

    @Test
    void anAcceptedProposalRecordsItsSubmitterAndThePinnedApprovalBlock() throws Exception {
        ActionDefinition def = definition("""
            {"mode": "require_approval", "approver": "role:finance", "quorum": 2, "expires_in_minutes": 60,
             "rules": [{"when": "parameters.amount > 1000", "approver": "role:cfo", "quorum": 1}]}
            """);
        Outcome outcome = judge(submission("{\"amount\": 12345678901234567890.25}", ""), new ActionState(3, false, def));
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        ProposalAccepted event = ((Outcome.Accepted) outcome).event();
        assertThat(event.submittedBy()).isEqualTo("bot-backend");
        assertThat(event.approval()).isEqualTo(def.approval());
        assertThat(event.approval().rules()).hasSize(1);
        // approvers' edits are validated against exactly the pinned version's compiled schema
        assertThat(event.parametersSchema()).isNotNull().isEqualTo(def.parametersJsonSchema());
        assertThat(event.actionVersion()).isEqualTo(3);
        assertThat(event.approvalMode()).isEqualTo("require_approval");
        assertThat(Duration.between(event.submittedAt(), event.expiresAt())).isEqualTo(Duration.ofMinutes(60));
        // the amount is carried exactly, not through a double
        assertThat(Json.mapper().writeValueAsString(event.parameters())).contains("12345678901234567890.25");
    }

    @Test
    void withoutAnApprovalBlockTheModeIsAutoAndTheDefaultExpiryApplies() throws Exception {
        ActionDefinition def = definition("null");
        ProposalAccepted event = ((Outcome.Accepted) judge(submission("{\"amount\": 1}", ""),
                new ActionState(3, false, def))).event();
        assertThat(event.approvalMode()).isEqualTo("auto");
        assertThat(event.approval()).isNull();
        assertThat(Duration.between(event.submittedAt(), event.expiresAt())).isEqualTo(Duration.ofMinutes(10080));
    }

    @Test
    void unknownRetiredInvalidAndTooLongProposalsAreRejected() throws Exception {
        ActionDefinition def = definition("{\"mode\": \"auto\", \"max_expires_in_minutes\": 120}");
        assertThat(code(judge(submission("{\"amount\": 1}", ""), null))).isEqualTo("unknown_action");
        assertThat(code(judge(submission("{\"amount\": 1}", ""), new ActionState(4, false, null))))
                .isEqualTo("unknown_action");
        assertThat(code(judge(submission("{\"amount\": 1}", ""), new ActionState(4, true, null))))
                .isEqualTo("action_retired");
        ProposalRejected invalid = ((Outcome.Rejected) judge(submission("{}", ""), new ActionState(3, false, def)))
                .event();
        assertThat(invalid.code()).isEqualTo("invalid_parameters");
        assertThat(invalid.errors()).extracting(e -> e.path()).containsExactly("parameters.amount");
        assertThat(code(judge(submission("{\"amount\": 1}", ", \"expires_in_minutes\": 121"),
                new ActionState(3, false, def)))).isEqualTo("malformed");
    }

    private static String code(Outcome outcome) {
        return ((Outcome.Rejected) outcome).event().code();
    }
}
