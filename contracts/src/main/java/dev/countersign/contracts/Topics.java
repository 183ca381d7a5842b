package dev.countersign.contracts;

/** Kafka topic names of DESIGN §2; the only place they are spelled. */
public final class Topics {
    public static final String ACTIONS = "countersign.actions";
    public static final String PROPOSALS = "countersign.proposals";
    public static final String VALIDATIONS = "countersign.validations";
    public static final String APPROVALS = "countersign.approvals";
    public static final String DECISIONS = "countersign.decisions";
    public static final String EXECUTIONS = "countersign.executions";
    public static final String AUDIT_REPLAY = "countersign.audit-replay";

    /** Suffix of every dead-letter topic: {@code <topic>.dlq}. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
