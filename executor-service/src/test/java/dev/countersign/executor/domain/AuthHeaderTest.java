package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.actions.OutboundAuth;
import org.junit.jupiter.api.Test;

/** The outbound credential header: where it goes, and when nothing may be sent. */
class AuthHeaderTest {

    @Test
    void noAuthMeansNoHeader() {
        AuthHeader.Resolution none = AuthHeader.resolve(null, null);
        assertThat(none.refused()).isFalse();
        assertThat(none.header()).isNull();
    }

    @Test
    void theSchemePrefixesTheValueInAuthorizationByDefault() {
        AuthHeader header = AuthHeader.resolve(new OutboundAuth("ticketing", null, "Bearer"), "tok").header();
        assertThat(header.name()).isEqualTo("Authorization");
        assertThat(header.value()).isEqualTo("Bearer tok");
        assertThat(header.toString()).doesNotContain("tok");
        assertThat(AuthHeader.resolve(new OutboundAuth("ticketing", " X-Api-Key ", null), "tok").header())
                .isEqualTo(new AuthHeader("X-Api-Key", "tok"));
    }

    @Test
    void refusalsNameTheCredentialNeverItsValue() {
        assertThat(AuthHeader.resolve(new OutboundAuth("ticketing", null, null), null).code())
                .isEqualTo(ErrorCodes.CREDENTIAL_MISSING);
        AuthHeader.Resolution crlf = AuthHeader.resolve(new OutboundAuth("ticketing", null, null), "a\r\nX-Evil: 1");
        assertThat(crlf.code()).isEqualTo(ErrorCodes.CREDENTIAL_INVALID);
        assertThat(crlf.message()).contains("ticketing").doesNotContain("X-Evil");
        assertThat(AuthHeader.resolve(new OutboundAuth("ticketing", "Webhook-Signature", null), "v1,x").code())
                .isEqualTo(ErrorCodes.INVALID_DEFINITION);
        assertThat(AuthHeader.resolve(new OutboundAuth("ticketing", "Bad Header", null), "x").code())
                .isEqualTo(ErrorCodes.INVALID_DEFINITION);
    }
}
