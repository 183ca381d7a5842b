package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** DESIGN §5 response handling, case by case. */
class ResponseClassifierTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:30:00Z");

    static Outcome answer(int status, String body) {
        return answer(status, body, null);
    }

    static Outcome answer(int status, String body, String retryAfter) {
        return ResponseClassifier.classify(new AttemptResult.Answered(status, retryAfter,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)), NOW);
    }

    @Test
    void successTrueRelaysTheMessageVerbatimAndResultOrDataAsData() {
        Outcome result = answer(200, "{\"success\": true, \"message\": \"  Done, see you!  \", \"result\": {\"id\": 7}}");
        assertThat(result).isInstanceOf(Outcome.Succeeded.class);
        Outcome.Succeeded s = (Outcome.Succeeded) result;
        assertThat(s.message()).isEqualTo("  Done, see you!  ");
        assertThat(s.data().path("id").asInt()).isEqualTo(7);
        assertThat(s.httpStatus()).isEqualTo(200);

        Outcome.Succeeded withData = (Outcome.Succeeded) answer(201, "{\"success\": true, \"data\": [1, 2]}");
        assertThat(withData.data().isArray()).isTrue();
        assertThat(withData.message()).isNull();
    }

    @Test
    void nonJsonOrEmptyTwoHundredsSucceed() {
        assertThat(answer(200, "OK thanks")).isInstanceOf(Outcome.Succeeded.class);
        assertThat(answer(204, null)).isInstanceOf(Outcome.Succeeded.class);
        assertThat(answer(202, "{}")).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void successFalseOrAnErrorFieldFailsWithoutRetry() {
        Outcome.Failed declined = (Outcome.Failed) answer(200, "{\"success\": false, \"error\": \"card declined\"}");
        assertThat(declined.code()).isEqualTo(ErrorCodes.WEBHOOK_ERROR);
        assertThat(declined.message()).isEqualTo("card declined");
        assertThat(answer(200, "{\"error\": \"nope\"}")).isInstanceOf(Outcome.Failed.class);
        assertThat(answer(200, "{\"success\": false}")).isInstanceOf(Outcome.Failed.class);
        assertThat(answer(200, "{\"success\": true, \"error\": null}")).isInstanceOf(Outcome.Succeeded.class);
    }

    @Test
    void clientErrorsFailExceptTimeoutAndRateLimitWhichHonourRetryAfter() {
        Outcome.Failed bad = (Outcome.Failed) answer(404, "{\"error\": \"no such order\"}");
        assertThat(bad.code()).isEqualTo(ErrorCodes.CLIENT_ERROR);
        assertThat(bad.message()).contains("404").contains("no such order");

        Outcome.Retry limited = (Outcome.Retry) answer(429, "", "7");
        assertThat(limited.code()).isEqualTo(ErrorCodes.RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));

        Outcome.Retry timeout = (Outcome.Retry) answer(408, "", "Sun, 22 Nov 2026 10:30:30 GMT");
        assertThat(timeout.code()).isEqualTo(ErrorCodes.REQUEST_TIMEOUT);
        assertThat(timeout.retryAfter()).isEqualTo(Duration.ofSeconds(30));

        assertThat(((Outcome.Retry) answer(429, "", "soon")).retryAfter()).isNull();
        assertThat(((Outcome.Retry) answer(429, "", "+5")).retryAfter()).isNull();
    }

    @Test
    void serverErrorsTimeoutsAndConnectionErrorsAreRetried() {
        assertThat(answer(503, "<html>down</html>")).isInstanceOfSatisfying(Outcome.Retry.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCodes.SERVER_ERROR));
        assertThat(ResponseClassifier.classify(new AttemptResult.TimedOut(1000), NOW))
                .isInstanceOfSatisfying(Outcome.Retry.class, r -> assertThat(r.code()).isEqualTo(ErrorCodes.TIMEOUT));
        assertThat(ResponseClassifier.classify(new AttemptResult.ConnectionFailed("refused"), NOW))
                .isInstanceOfSatisfying(Outcome.Retry.class,
                        r -> assertThat(r.code()).isEqualTo(ErrorCodes.CONNECTION_ERROR));
    }

    @Test
    void redirectsAndOversizedResponsesFail() {
        assertThat(answer(302, "")).isInstanceOfSatisfying(Outcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCodes.UNEXPECTED_STATUS));
        assertThat(ResponseClassifier.classify(new AttemptResult.ResponseTooLarge(102400), NOW))
                .isInstanceOfSatisfying(Outcome.Failed.class,
                        f -> assertThat(f.code()).isEqualTo(ErrorCodes.RESPONSE_TOO_LARGE));
    }

    @Test
    void nulCharactersAreRemovedFromEverythingRelayed() {
        Outcome.Succeeded ok = (Outcome.Succeeded) answer(200,
                "{\"success\": true, \"message\": \"\\u0000\", \"data\": {\"k\": \"a\\u0000b\", \"x\\u0000\": 1}}");
        assertThat(ok.message()).isEmpty();
        assertThat(ok.data().path("k").asText()).isEqualTo("ab");
        assertThat(ok.data().has("x")).isTrue();
        assertThat(ok.data().toString()).doesNotContain("\\u0000");

        Outcome.Failed failed = (Outcome.Failed) answer(200, "{\"error\": \"no\\u0000pe\"}");
        assertThat(failed.message()).isEqualTo("nope");
        Outcome.Failed structured = (Outcome.Failed) answer(200, "{\"error\": {\"c\\u0000ode\": \"\\u0000x\"}}");
        assertThat(structured.message()).isEqualTo("{\"code\":\"x\"}");
        Outcome.Failed client = (Outcome.Failed) answer(400, "{\"error\": \"bad\\u0000\"}");
        assertThat(client.message()).doesNotContain("\u0000").endsWith(": bad");

        Outcome.Retry broken = (Outcome.Retry) ResponseClassifier.classify(
                new AttemptResult.ConnectionFailed("reset\u0000by peer"), NOW);
        assertThat(broken.message()).doesNotContain("\u0000").endsWith("resetby peer");
    }

    @Test
    void aHostileRetryAfterIsReadAsTheLongestWaitNeverAsAnOverflow() {
        // these used to overflow Duration.toMillis() in the backoff: the attempt failed before it was counted
        for (String hostile : new String[] {"99999999999999999", "9223372036854775807", "99999999999999999999999",
                "86401"}) {
            Duration wait = ((Outcome.Retry) answer(429, "", hostile)).retryAfter();
            assertThat(wait).as(hostile).isEqualTo(ResponseClassifier.MAX_RETRY_AFTER);
            assertThat(wait.toMillis()).isPositive();
        }
        assertThat(((Outcome.Retry) answer(429, "", "Fri, 31 Dec 9999 23:59:59 GMT")).retryAfter())
                .isEqualTo(ResponseClassifier.MAX_RETRY_AFTER);
        assertThat(((Outcome.Retry) answer(429, "", "86400")).retryAfter()).isEqualTo(Duration.ofDays(1));
    }
}
