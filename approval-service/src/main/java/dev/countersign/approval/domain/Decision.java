package dev.countersign.approval.domain;

import dev.countersign.kit.domain.DomainException;
import java.util.Locale;

/** What a person decides: approve (possibly with edits) or deny. The wire value is the lower-case name. */
public enum Decision {
    APPROVE, DENY;

    /** {@code approve} or {@code deny}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decision named {@code value}; anything else is malformed input (400 {@code malformed}). */
    public static Decision parse(String value) {
        if ("approve".equals(value)) {
            return APPROVE;
        }
        if ("deny".equals(value)) {
            return DENY;
        }
        throw new DomainException(DomainException.Kind.MALFORMED, "malformed",
                "decision must be approve or deny.");
    }
}
