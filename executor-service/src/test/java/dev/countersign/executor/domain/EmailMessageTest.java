package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailMessageTest {

    static Map<String, Object> params(Object to, Object cc, Object subject, Object body) {
        Map<String, Object> p = new HashMap<>();
        p.put("to", to);
        p.put("cc", cc);
        p.put("subject", subject);
        p.put("body", body);
        return p;
    }

    static EmailMessage.Invalid invalid(Map<String, Object> p) {
        EmailMessage.Parsed parsed = EmailMessage.parse(p);
        assertThat(parsed).isInstanceOf(EmailMessage.Invalid.class);
        EmailMessage.Invalid invalid = (EmailMessage.Invalid) parsed;
        assertThat(invalid.code()).isEqualTo("invalid_email_parameters");
        return invalid;
    }

    @Test
    void aSingleAddressAndListsAreAccepted() {
        EmailMessage one = ((EmailMessage.Valid) EmailMessage.parse(params("jo@example.com", null, "Hi", "Body")))
                .message();
        assertThat(one.to()).containsExactly("jo@example.com");
        assertThat(one.cc()).isEmpty();
        assertThat(one.recipients()).isEqualTo("jo@example.com");

        EmailMessage many = ((EmailMessage.Valid) EmailMessage.parse(params(List.of("a@example.com",
                " b.c+tag@sub.example.org "), List.of("d@example.net"), "Hi", ""))).message();
        assertThat(many.to()).containsExactly("a@example.com", "b.c+tag@sub.example.org");
        assertThat(many.recipients()).isEqualTo("a@example.com, b.c+tag@sub.example.org (cc d@example.net)");
        assertThat(many.toString()).doesNotContain("example");
    }

    @Test
    void crOrLfInTheSubjectIsRefused() {
        for (String subject : List.of("Hi\r\nBcc: x@example.com", "Hi\nthere", "Hi\rthere", "tab\there")) {
            assertThat(invalid(params("jo@example.com", null, subject, "b")).message()).contains("subject:");
        }
        assertThat(invalid(params("jo@example.com", null, "x".repeat(999), "b")).message()).contains("998");
        assertThat(EmailMessage.parse(params("jo@example.com", null, "x".repeat(998), "b")))
                .isInstanceOf(EmailMessage.Valid.class);
        assertThat(invalid(params("jo@example.com", null, " ", "b")).message()).contains("blank");
    }

    @Test
    void badAddressesAreRefused() {
        for (String bad : Arrays.asList("", "jo", "jo@", "@example.com", "jo@example", "jo@@example.com",
                "a@b@example.com", "Jo <jo@example.com>", "jo@example.com\r\nRCPT TO:<x@y.z>", "jo@example.com,x@y.z",
                "jo @example.com", "jo..x@example.com", ".jo@example.com", "jo@-example.com", "jo@example..com",
                "jo@[127.0.0.1]", "jo@10.0.0.1", "\"jo\"@example.com", "jo@exam_ple.com",
                "a".repeat(65) + "@example.com")) {
            assertThat(EmailMessage.isAddress(bad)).as(bad).isFalse();
            assertThat(invalid(params(bad, null, "s", "b")).message()).as(bad).contains("to:");
            assertThat(invalid(params("ok@example.com", List.of(bad), "s", "b")).message()).as(bad).contains("cc:");
        }
        // refused input is echoed without its control characters
        assertThat(invalid(params("x\r\ny", null, "s", "b")).message()).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void missingAndWronglyTypedFieldsAreNamed() {
        EmailMessage.Invalid invalid = invalid(params(null, 3, null, null));
        assertThat(invalid.problems()).containsExactly("to: required",
                "cc: must be an email address or a list of them", "subject: required", "body: required");
        assertThat(invalid(params(List.of(), null, "s", "b")).message()).contains("at least one");
        assertThat(invalid(params(List.of("a@example.com", 7), null, "s", "b")).message()).contains("string");
        assertThat(invalid(params("a@example.com", null, 5, "b")).message()).contains("subject: must be a string");
        assertThat(invalid(Map.of()).problems()).hasSize(3);
        assertThat(EmailMessage.parse(null)).isInstanceOf(EmailMessage.Invalid.class);
    }

    @Test
    void theBodyIsBounded() {
        assertThat(EmailMessage.parse(params("a@example.com", null, "s", "x".repeat(100 * 1024))))
                .isInstanceOf(EmailMessage.Valid.class);
        assertThat(invalid(params("a@example.com", null, "s", "x".repeat(100 * 1024 + 1))).message())
                .contains("body: at most");
        assertThat(invalid(params("a@example.com", null, "s", "é".repeat(60 * 1024))).message())
                .contains("body: at most");
    }

    @Test
    void tooManyRecipientsAreRefused() {
        List<String> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "u" + i + "@example.com").toList();
        assertThat(invalid(params(many, null, "s", "b")).message()).contains("at most 50 recipients");
    }

    @Test
    void smtpRepliesAreJudgedLikeHttpStatuses() {
        assertThat(EmailOutcomes.replied(451, "try later")).isInstanceOf(Outcome.Retry.class)
                .extracting(o -> ((Outcome.Retry) o).code()).isEqualTo("smtp_transient");
        assertThat(EmailOutcomes.replied(421, null)).isInstanceOf(Outcome.Retry.class);
        Outcome rejected = EmailOutcomes.replied(550, "no such user\r\nhere");
        assertThat(rejected).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) rejected).code()).isEqualTo("smtp_rejected");
        assertThat(((Outcome.Failed) rejected).message()).isEqualTo("The SMTP server replied 550: no such user here");
        assertThat(EmailOutcomes.connectionFailed("refused")).isInstanceOf(Outcome.Retry.class)
                .extracting(o -> ((Outcome.Retry) o).code()).isEqualTo("connection_error");
        assertThat(EmailOutcomes.timedOut(2000)).isInstanceOf(Outcome.Retry.class)
                .extracting(o -> ((Outcome.Retry) o).code()).isEqualTo("timeout");
        EmailMessage m = ((EmailMessage.Valid) EmailMessage.parse(params("a@example.com", null, "s", "b"))).message();
        assertThat(((Outcome.Succeeded) EmailOutcomes.sent(m)).message()).isEqualTo("Email sent to a@example.com.");
        assertThat(EmailOutcomes.sent(m).httpStatus()).isNull();
    }

    @Test
    void aSimulationShowsTheMessageAsAnExecutionWouldSendIt() {
        EmailMessage m = ((EmailMessage.Valid) EmailMessage.parse(params(List.of("a@example.com", "b@example.com"),
                null, "Subject", "Body"))).message();
        var result = DryRunOutcomes.simulatedEmail(m, "smtp://mail.example.com:587", "cs@example.com");
        assertThat(result.ok()).isTrue();
        var wouldSend = result.outcome().wouldSend();
        assertThat(wouldSend.method()).isEqualTo("SMTP");
        assertThat(wouldSend.url()).isEqualTo("smtp://mail.example.com:587");
        assertThat(wouldSend.headers()).containsExactly(Map.entry("from", "cs@example.com"),
                Map.entry("to", "a@example.com, b@example.com"), Map.entry("subject", "Subject"));
        assertThat(wouldSend.body()).isEqualTo("Body");
    }
}
