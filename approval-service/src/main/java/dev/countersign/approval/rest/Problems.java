package dev.countersign.approval.rest;

import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.rest.Problem;
import dev.countersign.kit.rest.ProblemException;
import io.quarkus.logging.Log;

/** The problem details a failure answers, for a bulk result (the kit's mapper answers single requests alike). */
final class Problems {

    private Problems() {
    }

    static Problem of(Throwable failure) {
        if (failure instanceof ProblemException p) {
            return p.toProblem();
        }
        if (failure instanceof DomainException e) {
            int status = switch (e.kind()) {
                case INVALID -> 422;
                case MALFORMED -> 400;
                case NOT_FOUND -> 404;
                case FORBIDDEN -> 403;
                case CONFLICT -> 409;
                case RATE_LIMITED -> 429;
            };
            String title = switch (e.kind()) {
                case INVALID -> "Invalid request";
                case MALFORMED -> "Malformed request";
                case NOT_FOUND -> "Not found";
                case FORBIDDEN -> "Forbidden";
                case CONFLICT -> "Conflict";
                case RATE_LIMITED -> "Too many requests";
            };
            return new ProblemException(status, e.code(), title, e.getMessage(), e.errors(), e.extensions())
                    .toProblem();
        }
        Log.error("unexpected error deciding one item of a bulk request", failure);
        return new ProblemException(500, "internal_error", "Internal error",
                "This item could not be decided; it is safe to retry it.").toProblem();
    }
}
