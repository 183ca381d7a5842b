package dev.countersign.executor.client;

/** The registry has no such action version (404): the execution fails, it is not retried. */
public class DefinitionNotFoundException extends RuntimeException {

    public DefinitionNotFoundException(String key) {
        super("action version " + key + " not found in the registry");
    }
}
