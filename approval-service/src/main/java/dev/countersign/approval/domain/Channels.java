package dev.countersign.approval.domain;

/** Values of {@code Decider.channel}: how a decision reached Countersign. */
public final class Channels {
    /** The policy itself approved ({@code approval.mode = auto}). */
    public static final String AUTO = "auto";
    /** The REST API. */
    public static final String REST = "rest";
    /** The web inbox at {@code /}. */
    public static final String INBOX = "inbox";
    /** A signed one-time link. */
    public static final String LINK = "link";
    /** A {@code decision.submitted} from a chat on Kafka. */
    public static final String CHAT = "chat";

    private Channels() {
    }
}
