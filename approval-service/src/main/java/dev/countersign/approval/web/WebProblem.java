package dev.countersign.approval.web;

import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.rest.ProblemException;
import io.quarkus.logging.Log;
import java.util.List;

/** A refusal as an HTML page shows it: the HTTP status, the stable code and a sentence for a person. */
public record WebProblem(int status, String code, String title, String message, List<FieldError> errors) {

    /** The page for {@code failure}: a domain refusal keeps its status and code; anything else is a 500. */
    public static WebProblem of(Throwable failure) {
        if (failure instanceof DomainException e) {
            int status = ProblemException.of(e).status();
            return new WebProblem(status, e.code(), title(e.code(), status), e.getMessage(), e.errors());
        }
        if (failure instanceof ProblemException e) {
            var problem = e.toProblem();
            return new WebProblem(e.status(), problem.code(), problem.title(), problem.detail(), List.of());
        }
        Log.error("unexpected error rendering an inbox page", failure);
        return new WebProblem(500, "internal_error", "Something went wrong",
                "The request could not be completed; it is safe to try again.", List.of());
    }

    private static String title(String code, int status) {
        return switch (code) {
            case "already_used" -> "This link was already used";
            case "already_decided" -> "Already decided";
            case "expired" -> "Expired";
            case "stale_digest" -> "The proposal changed";
            case "dry_run_pending" -> "A dry run is still running";
            case "not_eligible" -> "You may not decide this proposal";
            case "not_found" -> "Not found";
            case "invalid_parameters" -> "Invalid parameters";
            default -> status >= 500 ? "Something went wrong" : "Refused";
        };
    }
}
