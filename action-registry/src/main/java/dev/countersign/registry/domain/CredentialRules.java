package dev.countersign.registry.domain;

import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.domain.DomainException;
import java.util.List;
import java.util.regex.Pattern;

/** What an outbound credential may be called and hold. */
public final class CredentialRules {
    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_.-]{1,64}$");
    static final int MAX_VALUE_LENGTH = 8192;

    private CredentialRules() {
    }

    /** Passes for a valid name and a value of 1..8192 characters; otherwise throws an invalid problem. */
    public static void check(String name, String value) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw DomainException.invalid("invalid", "The credential name is not valid.", List.of(
                    new FieldError("name", "invalid_name", "The name must match ^[a-zA-Z0-9_.-]{1,64}$.")));
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw DomainException.invalid("invalid", "The credential value is missing or too long.", List.of(
                    new FieldError("value", "required", "value must be 1.." + MAX_VALUE_LENGTH + " characters.")));
        }
    }
}
