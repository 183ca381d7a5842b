package dev.countersign.kit.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.json.FieldPaths;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one problem-details mapping of every service: each error answers {@code application/problem+json}. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e);
    }

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        return respond(ProblemException.of(e));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(respond(new ProblemException(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required."))).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ProblemException.forbidden("Your token's groups do not allow this operation."));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String path = path(unknown);
            return respond(ProblemException.invalid("The request has a field this endpoint does not know.",
                    List.of(new FieldError(path, "unknown_field", "Unknown field '" + unknown.getPropertyName() + "'."))));
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return respond(ProblemException.invalid("A field has the wrong type.",
                    List.of(new FieldError(path(mismatch), "wrong_type", mismatch.getOriginalMessage()))));
        }
        return respond(ProblemException.malformed("The body is not valid JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST wraps body parse failures; answer them as the parse failure they are.
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json);
            }
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        if (status == 400) {
            return respond(ProblemException.malformed("The request could not be read: " + e.getMessage()));
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new ProblemException(status, code, reason, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Log.error("unexpected error handling a request", e);
        return respond(new ProblemException(500, "internal_error", "Internal error",
                "The request could not be completed; it is safe to retry."));
    }

    static String path(MismatchedInputException e) {
        return FieldPaths.of(e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? (Object) ref.getFieldName() : (Object) ref.getIndex())
                .toList());
    }

    private static Response respond(ProblemException e) {
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem()).build();
    }
}
