package dev.countersign.executor.domain;

import dev.countersign.contracts.actions.Execution;
import java.util.Locale;
import java.util.Optional;

/** How a definition's {@code execution.dry_run} is carried out (DESIGN §4). */
public enum DryRunStyle {
    /** Describe the request an execution would send; no network call at all. The default. */
    SIMULATE,
    /** POST the signed webhook with {@code "type": "action.dry_run"}; the endpoint's answer is the outcome. */
    ENDPOINT;

    /**
     * The style {@code execution} asks for: {@link #SIMULATE} when it names none, and for every kind but
     * {@code webhook} (built-in kinds have no endpoint of their own to ask); empty for a value this executor does
     * not know, which is reported rather than guessed.
     */
    public static Optional<DryRunStyle> of(Execution execution) {
        if (execution == null) {
            return Optional.of(SIMULATE);
        }
        if (execution.kind() != null && !"webhook".equals(execution.kind())) {
            return Optional.of(SIMULATE);
        }
        String value = execution.dryRun();
        if (value == null || value.isBlank()) {
            return Optional.of(SIMULATE);
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "simulate" -> Optional.of(SIMULATE);
            case "endpoint" -> Optional.of(ENDPOINT);
            default -> Optional.empty();
        };
    }
}
