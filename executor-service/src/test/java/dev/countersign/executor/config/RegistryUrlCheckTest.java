package dev.countersign.executor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registry URL carries signing secrets: https only, unless plain HTTP is explicitly allowed (development). */
class RegistryUrlCheckTest {

    @Test
    void httpsIsAlwaysAccepted() {
        assertThat(RegistryUrlCheck.problem("https://registry.internal:8443", false)).isEmpty();
        assertThat(RegistryUrlCheck.problem("HTTPS://registry.internal", false)).isEmpty();
    }

    @Test
    void plainHttpIsRefusedUnlessAllowedAndTheMessageSaysHowToAllowIt() {
        assertThat(RegistryUrlCheck.problem("http://127.0.0.1:8081", false)).hasValueSatisfying(message -> assertThat(
                message).contains("https").contains("countersign.registry.allow-plain-http=true")
                .contains("COUNTERSIGN_REGISTRY_ALLOW_PLAIN_HTTP"));
        assertThat(RegistryUrlCheck.problem("http://127.0.0.1:8081", true)).isEmpty();
    }

    @Test
    void otherSchemesAndRelativeOrBrokenUrlsAreRefusedEvenWhenPlainHttpIsAllowed() {
        assertThat(RegistryUrlCheck.problem("ftp://registry.internal", true)).isPresent();
        assertThat(RegistryUrlCheck.problem("/internal", true)).isPresent();
        assertThat(RegistryUrlCheck.problem("http://exa mple", true)).isPresent();
    }

    @Test
    void theMessageNeverEchoesTheUrlsUserInfo() {
        assertThat(RegistryUrlCheck.problem("http://user:s3cret@registry.internal", false))
                .hasValueSatisfying(message -> assertThat(message).doesNotContain("s3cret"));
    }

    @Test
    void startUpFailsFastWithAPlainHttpUrlUnlessAllowed() {
        assertThatThrownBy(() -> new RegistryUrlCheck().onStart(null, config("http://registry.internal", false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must use https");
        assertThatCode(() -> new RegistryUrlCheck().onStart(null, config("http://127.0.0.1:9081", true)))
                .doesNotThrowAnyException();
        assertThatCode(() -> new RegistryUrlCheck().onStart(null, config("https://registry.internal", false)))
                .doesNotThrowAnyException();
    }

    static RegistryConfig config(String url, boolean allowPlainHttp) {
        return new RegistryConfig() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public boolean allowPlainHttp() {
                return allowPlainHttp;
            }

            @Override
            public Optional<String> token() {
                return Optional.empty();
            }

            @Override
            public Duration secretsTtl() {
                return Duration.ofSeconds(60);
            }

            @Override
            public int definitionCacheSize() {
                return 10;
            }
        };
    }
}
