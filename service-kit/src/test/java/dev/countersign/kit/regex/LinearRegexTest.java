package dev.countersign.kit.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RE2/J compilation of tenants' patterns: the syntax it refuses, and the size bound that keeps it safe. */
class LinearRegexTest {

    @Test
    void thePatternsDefinitionsUseCompileAndMatchAsBefore() {
        // the registry's built-in patterns for typed parameters, and the published envelope's action pattern
        List<String> builtIn = List.of("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$",
                "^https?://[^\\s/$.?#][^\\s]*$", "^[a-zA-Z0-9_-]{1,64}$", "^ORD-[0-9]+$", "\\p{L}+", "(?i)^abc$");
        for (String pattern : builtIn) {
            assertThat(LinearRegex.compile(pattern)).as(pattern).isNotNull();
        }
        assertThat(LinearRegex.compile("^ORD-[0-9]+$").matcher("ORD-12").find()).isTrue();
        assertThat(LinearRegex.compile("ORD").matcher("my ORD-12").find()).isTrue();
        assertThat(LinearRegex.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$").matcher("2026-11-23").find()).isTrue();
        assertThat(LinearRegex.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}$").matcher("2026-11-2").find()).isFalse();
    }

    @Test
    void backreferencesLookaroundAndPossessiveQuantifiersAreRefused() {
        for (String pattern : List.of("(a)\\1", "(?=x)", "(?<!x)y", "a++", "(?>a)")) {
            assertThatThrownBy(() -> LinearRegex.compile(pattern)).as(pattern)
                    .isInstanceOf(LinearRegex.UnsupportedPatternException.class)
                    .hasMessageContaining("only linear-time (RE2)");
        }
    }

    @Test
    void nestedCountedRepetitionIsRefusedBeforeItCanExhaustMemory() {
        for (String pattern : List.of("((a{1000}){1000}){1000}", "(a{100}){100}", "(?:[a-z]{1,1000}){1000}",
                "(((((((((((a{9}){9}){9}){9}){9}){9}){9}){9}){9}){9}){9})")) {
            assertThatThrownBy(() -> LinearRegex.compile(pattern)).as(pattern)
                    .isInstanceOf(LinearRegex.UnsupportedPatternException.class)
                    .hasMessageContaining("too large");
        }
        // large but flat is fine
        assertThat(LinearRegex.compile("^[a-z]{1,1000}$").programSize()).isLessThan(LinearRegex.MAX_PROGRAM_SIZE);
    }

    @Test
    void theSizeEstimateNeverUnderestimatesTheCompiledProgramMuch() {
        for (String pattern : List.of("^[a-z]{1,1000}$", "(a{10}){10}", "((a)){500}", "(abc|def){100}",
                "\\Qa.b\\E{50}", "[\\]a-z]{300}", "\\p{Greek}{200}", "x{3,}", "(?i:ab){200}")) {
            long estimate = LinearRegex.expandedSize(pattern);
            int real = com.google.re2j.Pattern.compile(pattern).programSize();
            assertThat(estimate * 2).as(pattern).isGreaterThanOrEqualTo(real);
        }
        // braces that are not a repetition are literals, as RE2 reads them
        assertThat(LinearRegex.expandedSize("a{,5}")).isLessThan(10);
        assertThat(LinearRegex.expandedSize("a{99999999999999999999}")).isGreaterThan(LinearRegex.MAX_PROGRAM_SIZE);
    }
}
