package dev.countersign.approval.persistence;

import dev.countersign.approval.domain.ApprovalState;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link ApprovalState} as its wire name, the value the {@code approvals.state} CHECK allows. */
@Converter
public class ApprovalStateColumn implements AttributeConverter<ApprovalState, String> {

    @Override
    public String convertToDatabaseColumn(ApprovalState state) {
        return state == null ? null : state.wire();
    }

    @Override
    public ApprovalState convertToEntityAttribute(String value) {
        ApprovalState state = ApprovalState.fromWire(value);
        if (value != null && state == null) {
            throw new IllegalStateException("approvals.state holds an unknown state '" + value + "'");
        }
        return state;
    }
}
