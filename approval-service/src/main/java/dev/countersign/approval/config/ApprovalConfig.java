package dev.countersign.approval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** approval-service's own settings ({@code countersign.approval.*}). */
@ConfigMapping(prefix = "countersign.approval")
public interface ApprovalConfig {

    /** Decisions from the chat ({@code countersign.decisions}). */
    Chat chat();

    /** The expiry sweep. */
    Expiry expiry();

    /** Decisions from the chat. */
    interface Chat {
        /**
         * Whether a chat decision's {@code actor.role} is believed. Off by default: Kafka cannot tell who produced a
         * record, so by default chat decisions satisfy only {@code end_user} approvers.
         */
        @WithDefault("false")
        boolean trustRoles();
    }

    /** The expiry sweep of pending approvals past their deadline. */
    interface Expiry {
        /** How often the sweep runs (a Quarkus scheduler period such as {@code 10s}). */
        @WithDefault("10s")
        String every();

        /** Rows expired per transaction; the sweep repeats until none are due. */
        @WithDefault("100")
        int batchSize();
    }
}
