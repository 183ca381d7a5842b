package dev.countersign.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON Schemas published to clients for the inbound payloads, as classpath resources. */
public final class Schemas {
    public static final String PROPOSAL_SUBMITTED = "/schemas/proposal.submitted.schema.json";
    public static final String DECISION_SUBMITTED = "/schemas/decision.submitted.schema.json";

    private Schemas() {
    }

    /** The text of a schema resource, e.g. {@link #PROPOSAL_SUBMITTED}. */
    public static String read(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
