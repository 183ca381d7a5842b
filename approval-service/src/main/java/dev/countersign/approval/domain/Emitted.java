package dev.countersign.approval.domain;

/** An event a transition publishes on {@code countersign.approvals}: its CloudEvent type and its data. */
public record Emitted(String type, Object data) {
}
