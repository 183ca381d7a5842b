package dev.countersign.executor.client;

import dev.countersign.executor.domain.EmailMessage;
import dev.countersign.executor.domain.EmailOutcomes;
import dev.countersign.executor.domain.Outcome;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the {@code email} kind's messages through Quarkus' reactive mailer (the Vert.x SMTP client: nothing blocks
 * the event loop) to the SMTP server configured under {@code quarkus.mailer.*}, from {@code quarkus.mailer.from}.
 * The server is the operator's, not the definition's, so it is not subject to the egress policy. Every attempt
 * ends in an {@link Outcome} ({@link EmailOutcomes}); the Uni never fails.
 */
@ApplicationScoped
public class EmailSender {
    private final ReactiveMailer mailer;
    private final String host;
    private final int port;
    private final String from;

    EmailSender(ReactiveMailer mailer,
            @ConfigProperty(name = "quarkus.mailer.host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "quarkus.mailer.port") Optional<Integer> port,
            @ConfigProperty(name = "quarkus.mailer.tls", defaultValue = "false") boolean tls,
            @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "") String from) {
        this.mailer = mailer;
        this.host = host;
        this.port = port.orElse(tls ? 465 : 25);
        this.from = from;
    }

    /** One attempt to send {@code message}, bounded by {@code timeoutMs}. */
    public Uni<Outcome> send(EmailMessage message, long timeoutMs) {
        Mail mail = new Mail().setTo(message.to()).setCc(message.cc()).setSubject(message.subject())
                .setText(message.body());
        return mailer.send(mail)
                .ifNoItem().after(Duration.ofMillis(timeoutMs)).failWith(TimeoutException::new)
                .map(v -> EmailOutcomes.sent(message))
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof TimeoutException) {
                        return EmailOutcomes.timedOut(timeoutMs);
                    }
                    if (failure instanceof SMTPException smtp) {
                        return EmailOutcomes.replied(smtp.getReplyCode(), smtp.getReplyMessage());
                    }
                    return EmailOutcomes.connectionFailed(failure.getClass().getSimpleName()
                            + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
                });
    }

    /** Where messages go, as a dry run shows it: {@code smtp://host:port}. */
    public String serverUrl() {
        return "smtp://" + host + ":" + port;
    }

    /** The sender address ({@code quarkus.mailer.from}). */
    public String from() {
        return from;
    }
}
