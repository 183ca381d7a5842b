package dev.countersign.executor.domain;

import dev.countersign.contracts.actions.Execution;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters of an {@code email} execution (the built-in kind, DESIGN §4), validated before anything is sent:
 * {@code to} (required: an address or a list of them), {@code cc} (optional, same), {@code subject} (required, at
 * most {@value #MAX_SUBJECT_CHARS} characters, no CR/LF or other control characters: it becomes a header) and
 * {@code body} (required plain text, at most {@value #MAX_BODY_BYTES} bytes of UTF-8). Addresses are plain
 * {@code local@domain} forms (no display names, comments, quoted local parts or IP literals), so nothing in them
 * can reach the SMTP dialogue or the headers as syntax. Invalid parameters are {@link Invalid} with
 * {@link ErrorCodes#INVALID_EMAIL_PARAMETERS}: the execution fails without an attempt and is not retried.
 */
public record EmailMessage(List<String> to, List<String> cc, String subject, String body) {
    /** The execution kind this message belongs to. */
    public static final String KIND = "email";
    /** RFC 5322's line limit, which a one-line subject header must respect. */
    public static final int MAX_SUBJECT_CHARS = 998;
    /** Body limit, as for a webhook body. */
    public static final int MAX_BODY_BYTES = 100 * 1024;
    /** Recipients in {@code to} and {@code cc} together. */
    public static final int MAX_RECIPIENTS = 50;
    /** RFC 5321 path limit. */
    public static final int MAX_ADDRESS_CHARS = 254;

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    public EmailMessage {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }

    /** A message that may be sent, or why none can be. */
    public sealed interface Parsed {
    }

    /** The parameters are valid. */
    public record Valid(EmailMessage message) implements Parsed {
    }

    /** The parameters are invalid: {@code problems} names each field and why; {@code message} joins them. */
    public record Invalid(List<String> problems) implements Parsed {
        public Invalid {
            problems = List.copyOf(problems);
        }

        public String code() {
            return ErrorCodes.INVALID_EMAIL_PARAMETERS;
        }

        public String message() {
            return "Invalid email parameters: " + String.join("; ", problems) + ".";
        }
    }

    /** Whether {@code execution} is of the {@code email} kind. */
    public static boolean isEmail(Execution execution) {
        return execution != null && KIND.equals(execution.kind());
    }

    /** Reads and validates the effective {@code parameters} of an approved (or dry-run) proposal. */
    public static Parsed parse(Map<String, Object> parameters) {
        Map<String, Object> p = parameters == null ? Map.of() : parameters;
        List<String> problems = new ArrayList<>();
        List<String> to = addresses("to", p.get("to"), true, problems);
        List<String> cc = addresses("cc", p.get("cc"), false, problems);
        if (to.size() + cc.size() > MAX_RECIPIENTS) {
            problems.add("to and cc: at most " + MAX_RECIPIENTS + " recipients in all");
        }
        String subject = text("subject", p.get("subject"), problems);
        if (subject != null) {
            if (subject.isBlank()) {
                problems.add("subject: must not be blank");
            } else if (subject.length() > MAX_SUBJECT_CHARS) {
                problems.add("subject: at most " + MAX_SUBJECT_CHARS + " characters");
            } else if (subject.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                problems.add("subject: must be one line without control characters (CR, LF, ...)");
            }
        }
        String body = text("body", p.get("body"), problems);
        if (body != null) {
            if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                problems.add("body: at most " + MAX_BODY_BYTES + " bytes");
            } else if (body.indexOf('\0') >= 0) {
                problems.add("body: must not contain NUL characters");
            }
        }
        return problems.isEmpty() ? new Valid(new EmailMessage(to, cc, subject, body)) : new Invalid(problems);
    }

    /** Whether {@code address} is a plain {@code local@domain} address this executor sends to. */
    public static boolean isAddress(String address) {
        if (address == null || address.length() > MAX_ADDRESS_CHARS) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at != address.indexOf('@') || at == address.length() - 1) {
            return false;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || domain.length() > 253) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // a top-level label is never all digits: this refuses 10.0.0.1-like "domains"
        return !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    /** To whom it goes, for the succeeded message: "a@x, b@y (cc c@z)". Never the body. */
    public String recipients() {
        return String.join(", ", to) + (cc.isEmpty() ? "" : " (cc " + String.join(", ", cc) + ")");
    }

    private static List<String> addresses(String field, Object value, boolean required, List<String> problems) {
        if (value == null) {
            if (required) {
                problems.add(field + ": required");
            }
            return List.of();
        }
        List<String> found = new ArrayList<>();
        if (value instanceof String s) {
            found.add(s.trim());
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    problems.add(field + ": every item must be an email address (a string)");
                    return List.of();
                }
                found.add(s.trim());
            }
        } else {
            problems.add(field + ": must be an email address or a list of them");
            return List.of();
        }
        if (found.isEmpty() && required) {
            problems.add(field + ": at least one address is required");
        }
        List<String> valid = new ArrayList<>();
        for (String address : found) {
            if (isAddress(address)) {
                valid.add(address);
            } else {
                problems.add(field + ": '" + shown(address) + "' is not an email address");
            }
        }
        return valid;
    }

    private static String text(String field, Object value, List<String> problems) {
        if (value == null) {
            problems.add(field + ": required");
            return null;
        }
        if (!(value instanceof String s)) {
            problems.add(field + ": must be a string");
            return null;
        }
        return s;
    }

    // refused input is echoed into events: bounded, without control characters
    private static String shown(String value) {
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        // recipients are personal data and the body may be anything: sizes only
        return "EmailMessage[" + (to.size() + cc.size()) + " recipient(s), " + body.length() + " chars]";
    }
}
