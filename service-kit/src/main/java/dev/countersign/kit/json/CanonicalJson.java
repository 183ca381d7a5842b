package dev.countersign.kit.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * The one canonical JSON form of Countersign (hashes, digests, dedupe): RFC 8785 (JCS) — object members sorted by
 * their UTF-16 code units, no whitespace, JCS string escaping, numbers in their ECMAScript form — made lossless for
 * numbers a double cannot carry. A number whose value equals the ECMAScript form of its nearest double (every number
 * a double-based producer such as JavaScript or Python writes; {@code 1}, {@code 1.0}, {@code 1e0} and {@code 0.1}
 * alike) is written exactly as RFC 8785 writes it; any other number (an integer beyond 2^53, a decimal with more
 * digits than a double holds, {@code 1e400}) keeps its exact value — the shorter of plain and scientific notation,
 * trailing zeros dropped — instead of being rounded, so two different amounts never share a hash. The rule is a pure
 * function of the value, so producers and verifiers agree; docs/contract.md states it for offline verifiers.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The canonical text of {@code node}; a null or missing node is JSON {@code null}. */
    public static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /** Lower-case hex SHA-256 of the UTF-8 canonical text of {@code node}. */
    public static String sha256(JsonNode node) {
        return sha256Hex(of(node));
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 §3.2.3 requires.
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> items = node.elements();
            for (boolean first = true; items.hasNext(); first = false) {
                if (!first) {
                    out.append(',');
                }
                write(items.next(), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(number(node));
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isBinary() || node.isPojo()) {
            throw new IllegalArgumentException("only JSON values can be canonicalised, not " + node.getNodeType());
        } else {
            throw new IllegalArgumentException("unexpected JSON node " + node.getNodeType());
        }
    }

    /** RFC 8785 §3.2.2.3 where a double holds the value exactly; otherwise the exact decimal value. */
    static String number(JsonNode node) {
        if (node.isDouble() || node.isFloat()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("NaN and Infinity are not JSON numbers");
            }
            return es6(d);
        }
        BigDecimal value = node.isIntegralNumber() ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue();
        double d = value.doubleValue();
        if (Double.isFinite(d)) {
            String es6 = es6(d);
            if (new BigDecimal(es6).compareTo(value) == 0) {
                return es6;
            }
        }
        return exact(value);
    }

    private static String es6(double d) {
        try {
            return NumberToJSON.serializeNumber(d);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON number: " + d, e);
        }
    }

    // The exact value without trailing zeros, in the shorter of plain and scientific notation (plain on a tie;
    // "e" lower case with a sign, as ECMAScript writes exponents): a 309-digit integer stays 309 digits, 1e400 stays short.
    private static String exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        String plain = stripped.toPlainString();
        String scientific = stripped.toString().replace('E', 'e');
        return scientific.length() < plain.length() ? scientific : plain;
    }

    // RFC 8785 §3.2.2.2: the ECMAScript JSON.stringify escaping; everything else is written as is.
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
