package dev.countersign.executor.service;

/**
 * Another copy of the handler changed the execution record under this one, and the record is still
 * delivering. Transient on purpose: the intake retries the approved event, which resumes the delivery from the
 * record as stored (same {@code webhook-id}), so the record cannot be stranded if the other copy dies.
 */
public class ExecutionRaceLostException extends RuntimeException {

    public ExecutionRaceLostException(String proposalId, String step) {
        super("execution of " + proposalId + " changed elsewhere while " + step + "; resuming from the stored record",
                null, false, false);
    }
}
