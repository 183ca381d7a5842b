package dev.countersign.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAreEverythingEmbedded() {
        Options o = Options.parse(new String[0], Map.of());
        assertThat(o.services()).containsExactly(Service.values());
        assertThat(o.dbUrl()).isNull();
        assertThat(o.kafkaPort()).isNull();
        assertThat(o.help()).isFalse();
    }

    @Test
    void optionsWinOverEnvironmentVariables() {
        Options o = Options.parse(new String[] {"--db-url", "postgresql://db.local:6543", "--kafka-port=19092",
                "--services", "action-registry,executor", "--no-build", "--work-dir", "/tmp/x"},
                Map.of("COUNTERSIGN_DB_URL", "postgresql://ignored:1", "COUNTERSIGN_DB_USER", "cs",
                        "COUNTERSIGN_PORT_BASE", "18081"));
        assertThat(o.dbUrl()).isEqualTo("postgresql://db.local:6543");
        assertThat(o.dbUser()).isEqualTo("cs");
        assertThat(o.kafkaPort()).isEqualTo(19092);
        assertThat(o.servicePortBase()).isEqualTo(18081);
        assertThat(o.services()).containsExactly(Service.ACTION_REGISTRY, Service.EXECUTOR_SERVICE);
        assertThat(o.workDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void noneSelectsOnlyTheInfrastructure() {
        assertThat(Options.parse(new String[] {"--services", "none"}, Map.of()).services()).isEmpty();
    }

    @Test
    void mistakesAreReportedNotIgnored() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--kafka-port", "99999"}, Map.of()))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> Options.parse(new String[] {"--services", "billing"}, Map.of()))
                .hasMessageContaining("unknown service 'billing'");
        assertThatThrownBy(() -> Options.parse(new String[] {"--db-url"}, Map.of())).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Options.parse(new String[] {"--verbose"}, Map.of())).hasMessageContaining("unknown option");
    }

    @Test
    void servicesAreKnownByModuleOrShortName() {
        assertThat(List.of("action-registry", "registry", "EXECUTOR_SERVICE", "audit").stream().map(Service::parse))
                .containsExactly(Service.ACTION_REGISTRY, Service.ACTION_REGISTRY, Service.EXECUTOR_SERVICE,
                        Service.AUDIT_SERVICE);
    }
}
