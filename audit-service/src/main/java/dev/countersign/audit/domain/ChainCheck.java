package dev.countersign.audit.domain;

import java.util.Objects;

/**
 * Walks the log in seq order and finds the first place the chain is broken: a missing or out-of-place seq, a
 * {@code prev_hash} that is not the previous row's hash, a hash that does not match the row's members, or
 * derived index columns that disagree with the data. Fed in batches, so the whole log is never in memory.
 */
public final class ChainCheck {
    private long expectedSeq = 1;
    private String expectedPrev = ChainHash.GENESIS;
    private long checked;
    private Long firstBroken;

    /** The outcome: {@code ok}, rows examined, and the first broken seq when not ok. */
    public record Result(boolean ok, Long firstBrokenSeq, long checked) {
    }

    /**
     * Checks the next row; returns false once the chain is broken (later rows need not be read).
     *
     * @param proposalIdColumn     the stored {@code proposal_id} index column of the row
     * @param conversationIdColumn the stored {@code conversation_id} index column of the row
     */
    public boolean accept(AuditEntry row, String proposalIdColumn, String conversationIdColumn) {
        if (firstBroken != null) {
            return false;
        }
        if (row.seq() != expectedSeq) {
            // a row is missing (or the order is broken): the first seq we cannot vouch for is the expected one
            firstBroken = expectedSeq;
            return false;
        }
        checked++;
        if (!expectedPrev.equals(row.prevHash()) || !intact(row, proposalIdColumn, conversationIdColumn)) {
            firstBroken = row.seq();
            return false;
        }
        expectedSeq++;
        expectedPrev = row.hash();
        return true;
    }

    /**
     * Ends the walk against the chain head read before it started: the last row checked must be the head, so
     * a log cut short at its end is caught too.
     */
    public Result finish(long headSeq, String headHash) {
        if (firstBroken == null && (expectedSeq - 1 != headSeq || !expectedPrev.equals(headHash))) {
            firstBroken = expectedSeq - 1 < headSeq ? expectedSeq : headSeq;
        }
        return new Result(firstBroken == null, firstBroken, checked);
    }

    /** The seq after which the next batch starts. */
    public long lastSeq() {
        return expectedSeq - 1;
    }

    /** Whether a broken place was found. */
    public boolean broken() {
        return firstBroken != null;
    }

    private static boolean intact(AuditEntry row, String proposalIdColumn, String conversationIdColumn) {
        String recomputed;
        try {
            recomputed = row.expectedHash();
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
        if (!recomputed.equals(row.hash())) {
            return false;
        }
        EventFacts facts = EventFacts.of(row.eventId(), row.type(), row.source(), row.topic(), row.data());
        return Objects.equals(facts.proposalId(), proposalIdColumn)
                && Objects.equals(facts.conversationId(), conversationIdColumn);
    }
}
