package dev.countersign.executor.client;

import dev.countersign.executor.domain.ErrorCodes;
import dev.countersign.kit.domain.DomainException;

/** The registry has no such action version (404): the execution fails with {@code definition_not_found}, never retried. */
public class DefinitionNotFoundException extends DomainException {

    public DefinitionNotFoundException(String key) {
        super(Kind.NOT_FOUND, ErrorCodes.DEFINITION_NOT_FOUND, "action version " + key + " not found in the registry");
    }
}
