package dev.countersign.kit.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The one way field paths are written in {@code errors[].path}: dotted names with bracketed indexes
 * ({@code parameters[1].max}), from a list of names and indexes or from a JSON Pointer.
 */
public final class FieldPaths {

    private FieldPaths() {
    }

    /**
     * {@code prefix} followed by {@code elements}: a {@link String} is a member name, an {@link Integer} an index.
     * {@code of("parameters", List.of("items", 2, "sku"))} is {@code parameters.items[2].sku}.
     */
    public static String of(String prefix, List<?> elements) {
        StringBuilder out = new StringBuilder(prefix == null ? "" : prefix);
        for (Object element : elements) {
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    /** The elements of {@code elements} without a prefix. */
    public static String of(List<?> elements) {
        return of("", elements);
    }

    /** A JSON Pointer ({@code /parameters/1/max}) as a field path ({@code parameters[1].max}). */
    public static String fromPointer(String pointer) {
        return of(pointerElements(pointer));
    }

    /**
     * The names and indexes of a JSON Pointer, unescaping {@code ~1} and {@code ~0}; a segment of digits is an
     * index (the pointer alone cannot tell an array index from a member named "1"; our schemas have no such names).
     */
    public static List<Object> pointerElements(String pointer) {
        List<Object> out = new ArrayList<>();
        if (pointer == null || pointer.isEmpty()) {
            return out;
        }
        for (String part : pointer.split("/", -1)) {
            if (part.isEmpty() && out.isEmpty()) {
                continue;
            }
            if (!part.isEmpty() && part.length() < 10 && part.chars().allMatch(Character::isDigit)) {
                out.add(Integer.parseInt(part));
            } else {
                out.add(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out;
    }
}
