package dev.countersign.executor.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.DryRunOutcome;
import dev.countersign.contracts.events.DryRunResult;
import dev.countersign.contracts.events.WouldSend;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a dry run reports ({@code dryrun.completed}: {@code ok} and {@code outcome}). A simulation shows the
 * request ({@code would_send}); a call to a dry-run endpoint relays the endpoint's verdict ({@code message}); a
 * request that cannot be built or sent is {@code ok: false} with a message saying why, since an execution would
 * meet the same refusal.
 */
public final class DryRunOutcomes {
    private DryRunOutcomes() {
    }

    /**
     * The simulation of {@code request}: method, URL, the headers a dry run may show
     * ({@link WebhookRequest#shownHeaders}) and the body as JSON, exactly as an execution would send it.
     */
    public static DryRunResult simulated(WebhookRequest request, long timestamp, String userAgent) {
        Object body;
        try {
            body = Json.mapper().readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the webhook body is not JSON", e);
        }
        return new DryRunResult(true, new DryRunOutcome(new WouldSend("POST", request.url().toString(),
                request.shownHeaders(timestamp, userAgent), body), null));
    }

    /**
     * The simulation of an {@code email} execution: method {@code SMTP}, the configured server as
     * {@code smtp://host:port}, headers {@code from}, {@code to}, {@code cc} (comma separated; cc only when there is
     * one) and {@code subject}, and the text body. No SMTP credentials are shown.
     */
    public static DryRunResult simulatedEmail(EmailMessage message, String serverUrl, String from) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("from", from);
        headers.put("to", String.join(", ", message.to()));
        if (!message.cc().isEmpty()) {
            headers.put("cc", String.join(", ", message.cc()));
        }
        headers.put("subject", message.subject());
        return new DryRunResult(true, new DryRunOutcome(new WouldSend("SMTP", serverUrl, headers, message.body()),
                null));
    }

    /** A simulation whose request an execution could not send: {@code reason} says why. */
    public static DryRunResult simulationRefused(String reason) {
        return failed("An execution would not be sent: " + reason);
    }

    /** A call to the dry-run endpoint that was not made: {@code reason} says why (an execution would not be sent either). */
    public static DryRunResult endpointRefused(String reason) {
        return failed("The dry run was not sent, and an execution would not be either: " + reason);
    }

    /** The dry run cannot start at all (no such version, an unknown dry-run style). */
    public static DryRunResult impossible(String reason) {
        return failed(reason);
    }

    /**
     * The dry-run endpoint's verdict, judged like an execution's answer ({@link ResponseClassifier}) but over one
     * attempt: only a success is {@code ok}; its {@code message} is relayed verbatim. Anything else (an error the
     * endpoint reported, 4xx, 5xx, a timeout, a refused connection) is {@code ok: false} with the reason.
     */
    public static DryRunResult answered(Outcome outcome) {
        if (outcome instanceof Outcome.Succeeded s) {
            String message = s.message() != null ? s.message()
                    : "The dry-run endpoint accepted the request (HTTP " + s.httpStatus() + ").";
            return new DryRunResult(true, new DryRunOutcome(null, message));
        }
        if (outcome instanceof Outcome.Failed f) {
            return failed(ErrorCodes.WEBHOOK_ERROR.equals(f.code())
                    ? "The dry-run endpoint reported a problem: " + f.message() : f.message());
        }
        Outcome.Retry r = (Outcome.Retry) outcome;
        // one attempt only: a dry run is a preview for someone waiting, not a delivery to push through
        return failed(r.message());
    }

    private static DryRunResult failed(String message) {
        return new DryRunResult(false, new DryRunOutcome(null, message));
    }
}
