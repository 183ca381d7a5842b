package dev.countersign.executor.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** The verdict on one attempt (DESIGN §5): done, failed for good, or worth another attempt. */
public sealed interface Outcome {

    /** HTTP status of the attempt, or null when there was no answer. */
    Integer httpStatus();

    /** The endpoint performed the action; {@code message} is relayed verbatim, {@code data} is structured. */
    record Succeeded(Integer httpStatus, String message, JsonNode data) implements Outcome {
    }

    /** Failed, not retried. */
    record Failed(Integer httpStatus, String code, String message) implements Outcome {
    }

    /** Failed for now; retried while attempts remain, after {@code retryAfter} when the receiver named one. */
    record Retry(Integer httpStatus, String code, String message, Duration retryAfter) implements Outcome {
    }
}
