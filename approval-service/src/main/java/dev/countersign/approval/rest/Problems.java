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
            return ProblemException.of(e).toProblem();
        }
        Log.error("unexpected error deciding one item of a bulk request", failure);
        return new ProblemException(500, "internal_error", "Internal error",
                "This item could not be decided; it is safe to retry it.").toProblem();
    }
}
