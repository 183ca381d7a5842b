package dev.countersign.executor.domain;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A W3C trace context for one execution: one trace id for the whole delivery, a new parent (span) id for
 * every attempt, so a receiver's tracing links the attempts of one execution together.
 */
public final class Traceparent {
    private final String traceId;
    private final RandomGenerator random;

    private Traceparent(String traceId, RandomGenerator random) {
        this.traceId = traceId;
        this.random = random;
    }

    /** A new random trace. */
    public static Traceparent newTrace(RandomGenerator random) {
        return new Traceparent(nonZeroHex(random, 16), random);
    }

    public String traceId() {
        return traceId;
    }

    /** The {@code traceparent} header of one attempt: {@code 00-<trace id>-<new span id>-01} (sampled). */
    public String nextHeader() {
        return "00-" + traceId + "-" + nonZeroHex(random, 8) + "-01";
    }

    // All-zero ids are invalid in W3C trace context.
    private static String nonZeroHex(RandomGenerator random, int bytes) {
        byte[] id = new byte[bytes];
        boolean zero = true;
        while (zero) {
            random.nextBytes(id);
            for (byte b : id) {
                zero &= b == 0;
            }
        }
        return HexFormat.of().formatHex(id);
    }
}
