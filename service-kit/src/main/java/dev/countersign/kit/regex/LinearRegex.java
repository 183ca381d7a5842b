package dev.countersign.kit.regex;

import com.google.re2j.Pattern;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Compiles the {@code pattern}s of tenants' parameter schemas with RE2/J, whose matching time is linear in the
 * input: a catastrophic pattern ({@code ^((a+)+)+$}) cannot stall intake, which validates on the event loop for
 * every tenant. RE2 syntax has no backreferences or lookaround; such patterns fail to compile.
 */
public final class LinearRegex {
    /**
     * Largest accepted program, in RE2 instructions. RE2/J expands counted repetitions at compile time and has no
     * size limit of its own ({@code ((a{1000}){1000}){1000}} exhausts the heap), and matching costs program size
     * times input length, so a bound keeps both memory and time per proposal small. {@code ^[a-z]{1,1000}$} is
     * about 2,000.
     */
    public static final int MAX_PROGRAM_SIZE = 5_000;
    private static final long SATURATED = 1L << 40;
    private static final int MAX_COUNT = 100_000;

    private LinearRegex() {
    }

    /** A regex RE2/J refuses, or one too large to compile safely. */
    public static final class UnsupportedPatternException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedPatternException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The compiled {@code regex}.
     *
     * @throws UnsupportedPatternException when RE2 syntax does not allow it (backreferences, lookaround,
     *     possessive quantifiers ...) or it would exceed {@link #MAX_PROGRAM_SIZE}
     */
    public static Pattern compile(String regex) {
        // Checked before compiling: compiling is exactly what runs out of memory.
        if (expandedSize(regex) > MAX_PROGRAM_SIZE) {
            throw tooLarge();
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new UnsupportedPatternException("only linear-time (RE2) regular expression syntax is supported: "
                    + e.getDescription(), e);
        }
        if (compiled.programSize() > MAX_PROGRAM_SIZE) {
            throw tooLarge();
        }
        return compiled;
    }

    /** The {@link UnsupportedPatternException} behind {@code failure} (validators may wrap it), or null. */
    public static UnsupportedPatternException unsupportedCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedPatternException unsupported) {
                return unsupported;
            }
        }
        return null;
    }

    private static UnsupportedPatternException tooLarge() {
        return new UnsupportedPatternException("the regular expression is too large: its counted repetitions "
                + "expand to more than " + MAX_PROGRAM_SIZE + " steps", null);
    }

    /**
     * An upper bound of the RE2 program size of {@code regex} with every counted repetition expanded, computed
     * from the text alone. It over-estimates (each repeated copy is counted with one spare instruction), never
     * under-estimates by much, and saturates instead of overflowing.
     */
    static long expandedSize(String regex) {
        Deque<long[]> groups = new ArrayDeque<>();
        long total = 0; // size of the finished items of the current group
        long last = 0; // size of the last item, the one a following quantifier repeats
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                int end = skipEscape(regex, i);
                total = add(total, last);
                // \Q...\E is a run of literals: each one an instruction
                last = regex.startsWith("\\Q", i) ? Math.max(1, end - i - 4) : 1;
                i = end;
            } else if (c == '[') {
                total = add(total, last);
                last = 1;
                i = skipClass(regex, i);
            } else if (c == '(') {
                groups.push(new long[] {total, last});
                total = 0;
                last = 0;
                i++;
            } else if (c == ')' && !groups.isEmpty()) {
                long group = add(add(total, last), 2); // a capture's start and end
                long[] outer = groups.pop();
                total = add(outer[0], outer[1]);
                last = group;
                i++;
            } else if (c == '*' || c == '+' || c == '?') {
                last = add(last, 1);
                i++;
            } else if (c == '{' && repetitionEnd(regex, i) > 0) {
                int end = repetitionEnd(regex, i);
                last = Math.min(SATURATED, add(last, 1) * repetitionMax(regex.substring(i + 1, end - 1)));
                i = end;
            } else if (c == '|') {
                total = add(add(total, last), 1);
                last = 0;
                i++;
            } else {
                total = add(total, last);
                last = 1;
                i++;
            }
        }
        // unclosed groups (RE2 refuses those anyway)
        while (!groups.isEmpty()) {
            long group = add(add(total, last), 2);
            long[] outer = groups.pop();
            total = add(outer[0], outer[1]);
            last = group;
        }
        return add(total, last);
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    // Index after the escape starting at i: \Q...\E, \p{..}/\P{..}, \pL, \x{..}, \xHH, or \ and one character.
    private static int skipEscape(String re, int i) {
        int n = re.length();
        if (i + 1 >= n) {
            return n;
        }
        char e = re.charAt(i + 1);
        if (e == 'Q') {
            int end = re.indexOf("\\E", i + 2);
            return end < 0 ? n : end + 2;
        }
        if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < n && re.charAt(i + 2) == '{') {
            int end = re.indexOf('}', i + 3);
            return end < 0 ? n : end + 1;
        }
        if (e == 'p' || e == 'P') {
            return Math.min(n, i + 3);
        }
        if (e == 'x') {
            return Math.min(n, i + 4);
        }
        return i + 2;
    }

    // Index after the character class starting at i ([...], with escapes and [:name:] inside).
    private static int skipClass(String re, int i) {
        int n = re.length();
        int j = i + 1;
        if (j < n && re.charAt(j) == '^') {
            j++;
        }
        if (j < n && re.charAt(j) == ']') {
            j++; // a leading ] is a literal
        }
        while (j < n) {
            char c = re.charAt(j);
            if (c == '\\') {
                j = skipEscape(re, j);
            } else if (c == '[' && j + 1 < n && re.charAt(j + 1) == ':') {
                int end = re.indexOf(":]", j + 2);
                j = end < 0 ? j + 1 : end + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }

    // Index after {n}, {n,} or {n,m} starting at i, or -1 when the brace is a literal (as RE2 reads it).
    private static int repetitionEnd(String re, int i) {
        int j = i + 1;
        int n = re.length();
        int digits = 0;
        while (j < n && Character.isDigit(re.charAt(j)) && re.charAt(j) < 128) {
            j++;
            digits++;
        }
        if (digits == 0 || j >= n) {
            return -1;
        }
        if (re.charAt(j) == ',') {
            j++;
            while (j < n && Character.isDigit(re.charAt(j)) && re.charAt(j) < 128) {
                j++;
            }
        }
        return j < n && re.charAt(j) == '}' ? j + 1 : -1;
    }

    // The number of copies {n}, {n,} or {n,m} expands to (n+1 for {n,}: n copies and a star), capped.
    private static long repetitionMax(String body) {
        int comma = body.indexOf(',');
        if (comma < 0) {
            return Math.max(1, count(body));
        }
        String upper = body.substring(comma + 1);
        return Math.max(1, upper.isEmpty() ? count(body.substring(0, comma)) + 1 : Math.max(count(upper),
                count(body.substring(0, comma))));
    }

    private static long count(String digits) {
        return digits.length() > 6 ? MAX_COUNT : Math.min(MAX_COUNT, Long.parseLong(digits));
    }
}
