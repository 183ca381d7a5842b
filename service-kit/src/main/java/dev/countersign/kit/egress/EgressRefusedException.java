package dev.countersign.kit.egress;

/** An outbound call the egress policy refuses; {@code code} is the stable machine code. */
public class EgressRefusedException extends Exception {
    /** The host does not resolve (yet): not a refusal of a destination. */
    public static final String UNRESOLVABLE = "host_unresolvable";
    /** The host resolves to a forbidden address. */
    public static final String REFUSED = "egress_refused";

    private final String code;

    public EgressRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
