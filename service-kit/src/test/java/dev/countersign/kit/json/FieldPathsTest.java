package dev.countersign.kit.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldPathsTest {

    @Test
    void namesAreDottedAndIndexesBracketed() {
        assertThat(FieldPaths.of("parameters", List.of("items", 2, "sku"))).isEqualTo("parameters.items[2].sku");
        assertThat(FieldPaths.of(List.of("parameters", 1, "max"))).isEqualTo("parameters[1].max");
        assertThat(FieldPaths.of(List.of(0))).isEqualTo("[0]");
        assertThat(FieldPaths.of("", List.of())).isEmpty();
    }

    @Test
    void pointersBecomeFieldPaths() {
        assertThat(FieldPaths.fromPointer("/parameters/1/max")).isEqualTo("parameters[1].max");
        assertThat(FieldPaths.fromPointer("/a~1b/c~0d")).isEqualTo("a/b.c~d");
        assertThat(FieldPaths.fromPointer("")).isEmpty();
        assertThat(FieldPaths.pointerElements("/x/10")).containsExactly("x", 10);
    }
}
