package dev.countersign.registry.domain;

/**
 * Names one action: its tenant, assistant and name. {@link #key()} is its key on the compacted
 * {@code countersign.actions} topic and the tail of its REST path.
 */
public record ActionId(String tenant, String assistant, String name) {

    /** {@code tenant/assistant/name}. */
    public String key() {
        return tenant + "/" + assistant + "/" + name;
    }

    @Override
    public String toString() {
        return key();
    }
}
