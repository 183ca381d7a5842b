package dev.countersign.kit.egress;

/** An outbound call the egress policy refuses; {@code code} is the stable machine code. */
public class EgressRefusedException extends Exception {
    private final String code;

    public EgressRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
