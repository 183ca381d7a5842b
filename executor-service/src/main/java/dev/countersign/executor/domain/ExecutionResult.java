package dev.countersign.executor.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.events.ErrorInfo;

/**
 * What an execution came to, as stored in {@code executions.result} and shown by the API: succeeded with the
 * receiver's {@code message} and structured {@code data}, or failed with an {@code error}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionResult(String message, JsonNode data, ErrorInfo error) {

    /** The result of a final {@code outcome} (succeeded or failed). */
    public static ExecutionResult of(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded s) {
            return new ExecutionResult(s.message(), s.data(), null);
        }
        if (outcome instanceof Outcome.Failed f) {
            return new ExecutionResult(null, null, new ErrorInfo(f.code(), f.message()));
        }
        throw new IllegalArgumentException("a retry is not a final outcome");
    }
}
