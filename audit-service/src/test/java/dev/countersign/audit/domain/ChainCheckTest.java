package dev.countersign.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain walk finds the first broken seq, whatever broke it. */
class ChainCheckTest {

    /** A valid chain of {@code n} entries of proposal {@code p}. */
    static List<AuditEntry> chain(int n) {
        List<AuditEntry> out = new ArrayList<>();
        String prev = ChainHash.GENESIS;
        for (int seq = 1; seq <= n; seq++) {
            JsonNode data = JsonNodeFactory.instance.objectNode().put("proposal_id", "p").put("tenant", "acme");
            AuditEntry e = new AuditEntry(seq, "e" + seq, "t", "/s", "p", "acme", "/s", null,
                    "2026-01-01T00:00:0" + seq + "Z", "topic", data, prev, null);
            e = e.withHash(e.expectedHash());
            out.add(e);
            prev = e.hash();
        }
        return out;
    }

    static ChainCheck.Result walk(List<AuditEntry> rows, long headSeq, String headHash) {
        ChainCheck check = new ChainCheck();
        for (AuditEntry row : rows) {
            if (!check.accept(row, "p", null)) {
                break;
            }
        }
        return check.finish(headSeq, headHash);
    }

    @Test
    void anIntactChainIsOk() {
        List<AuditEntry> rows = chain(5);
        assertThat(walk(rows, 5, rows.get(4).hash())).isEqualTo(new ChainCheck.Result(true, null, 5));
        assertThat(walk(List.of(), 0, ChainHash.GENESIS)).isEqualTo(new ChainCheck.Result(true, null, 0));
    }

    @Test
    void aChangedMemberBreaksItsOwnRow() {
        List<AuditEntry> rows = new ArrayList<>(chain(5));
        AuditEntry r = rows.get(2);
        rows.set(2, new AuditEntry(r.seq(), r.eventId(), r.type(), r.source(), r.subject(), r.tenant(), "mallory",
                r.time(), r.recordedAt(), r.topic(), r.data(), r.prevHash(), r.hash()));
        assertThat(walk(rows, 5, rows.get(4).hash())).isEqualTo(new ChainCheck.Result(false, 3L, 3));
    }

    @Test
    void aMissingRowBreaksAtItsSeq() {
        List<AuditEntry> rows = new ArrayList<>(chain(5));
        rows.remove(1);
        assertThat(walk(rows, 5, rows.get(3).hash()).firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void aLogCutShortAtTheEndIsBroken() {
        List<AuditEntry> rows = chain(5);
        assertThat(walk(rows.subList(0, 3), 5, rows.get(4).hash()).firstBrokenSeq()).isEqualTo(4L);
    }

    @Test
    void aRehashedRowStillBreaksItsSuccessorsLink() {
        List<AuditEntry> rows = new ArrayList<>(chain(4));
        AuditEntry r = rows.get(1);
        AuditEntry forged = new AuditEntry(r.seq(), r.eventId(), r.type(), r.source(), r.subject(), r.tenant(),
                "mallory", r.time(), r.recordedAt(), r.topic(), r.data(), r.prevHash(), null);
        rows.set(1, new AuditEntry(r.seq(), r.eventId(), r.type(), r.source(), r.subject(), r.tenant(), "mallory",
                r.time(), r.recordedAt(), r.topic(), r.data(), r.prevHash(), forged.expectedHash()));
        assertThat(walk(rows, 4, rows.get(3).hash()).firstBrokenSeq()).isEqualTo(3L);
    }

    @Test
    void aChangedNumberInTheDataBreaksItsRowEvenWhereADoubleCannotTellTheDifference() {
        List<AuditEntry> rows = new ArrayList<>(chain(3));
        AuditEntry r = rows.get(1);
        JsonNode exact = ((ObjectNode) r.data().deepCopy())
                .put("amount", new BigInteger("12345678901234567890"));
        AuditEntry signed = new AuditEntry(r.seq(), r.eventId(), r.type(), r.source(), r.subject(), r.tenant(),
                r.actor(), r.time(), r.recordedAt(), r.topic(), exact, r.prevHash(), null);
        signed = signed.withHash(signed.expectedHash());
        JsonNode nudged = ((ObjectNode) exact.deepCopy())
                .put("amount", new BigInteger("12345678901234567891"));
        AuditEntry forged = new AuditEntry(r.seq(), r.eventId(), r.type(), r.source(), r.subject(), r.tenant(),
                r.actor(), r.time(), r.recordedAt(), r.topic(), nudged, r.prevHash(), signed.hash());
        ChainCheck check = new ChainCheck();
        assertThat(check.accept(rows.get(0), "p", null)).isTrue();
        assertThat(check.accept(signed, "p", null)).isTrue();
        ChainCheck tampered = new ChainCheck();
        assertThat(tampered.accept(rows.get(0), "p", null)).isTrue();
        assertThat(tampered.accept(forged, "p", null)).isFalse();
        assertThat(tampered.finish(2, forged.hash()).firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void anIndexColumnThatDisagreesWithTheDataIsBroken() {
        List<AuditEntry> rows = chain(2);
        ChainCheck check = new ChainCheck();
        assertThat(check.accept(rows.get(0), "p", null)).isTrue();
        assertThat(check.accept(rows.get(1), "someone-else", null)).isFalse();
        assertThat(check.finish(2, rows.get(1).hash()).firstBrokenSeq()).isEqualTo(2L);
    }
}
