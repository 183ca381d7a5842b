package dev.countersign.approval.persistence;

import dev.countersign.approval.domain.ApprovalStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link ApprovalStatus} as its wire name, the value the {@code approvals.status} CHECK allows. */
@Converter
public class ApprovalStatusColumn implements AttributeConverter<ApprovalStatus, String> {

    @Override
    public String convertToDatabaseColumn(ApprovalStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public ApprovalStatus convertToEntityAttribute(String value) {
        ApprovalStatus status = ApprovalStatus.fromWire(value);
        if (value != null && status == null) {
            throw new IllegalStateException("approvals.status holds an unknown status '" + value + "'");
        }
        return status;
    }
}
