package dev.countersign.approval.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.approval.domain.ApprovalFilter;
import dev.countersign.approval.domain.ApprovalStatus;
import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.Channels;
import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.domain.DecisionCommand;
import dev.countersign.approval.domain.Eligibility;
import dev.countersign.approval.domain.Viewer;
import dev.countersign.approval.service.ApprovalQueries;
import dev.countersign.approval.service.DecisionService;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.domain.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The approval inbox at {@code /} (DESIGN §4b): server-rendered HTML that works without JavaScript. Sign in with
 * a bearer token (kept in an HttpOnly cookie) or send it in the {@code Authorization} header; the list holds what
 * the signed-in person may decide now; a proposal's page approves, denies or edits-then-approves, every form
 * carrying the digest the person saw (a stale page answers 409 {@code stale_digest}) and a CSRF token.
 */
@Path("/")
@WebPage
@Produces(MediaType.TEXT_HTML)
@Tag(name = "inbox", description = "The web inbox (HTML forms; CSRF-protected).")
public class InboxResource {
    static final int PAGE = 50;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final ApprovalQueries queries;
    private final DecisionService decisions;
    private final WebSession session;

    InboxResource(ApprovalQueries queries, DecisionService decisions, WebSession session) {
        this.queries = queries;
        this.decisions = decisions;
        this.session = session;
    }

    @GET
    @Operation(summary = "The inbox: what the signed-in person may decide now",
            description = "HTML. Without a valid token (session cookie or Authorization header) redirects to /login.")
    @APIResponse(responseCode = "200", description = "The pending list.", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "303", description = "Not signed in: to /login.")
    public Uni<Response> inbox(@RestQuery String after, RoutingContext routing) {
        return signedIn(viewer -> queries.list(viewer, new ApprovalFilter(ApprovalStatus.PENDING, null, null,
                        blankToNull(after), PAGE))
                .flatMap(items -> {
                    Instant now = Instant.now();
                    String next = items.size() == PAGE
                            ? ProposalCard.segment(items.get(items.size() - 1).proposalId()) : null;
                    return Html.page(200, Pages.inbox(who(viewer),
                            items.stream().map(view -> ProposalCard.of(view, now)).toList(), next,
                            CsrfFilters.token(routing)));
                }), "/");
    }

    @GET
    @Path("login")
    @Operation(summary = "The sign-in form", description = "HTML form taking a bearer token.")
    @APIResponse(responseCode = "200", description = "The form.", content = @Content(mediaType = "text/html"))
    public Response loginForm(RoutingContext routing) {
        return Html.pageNow(200, Pages.login(CsrfFilters.token(routing), null));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign in with a bearer token",
            description = "The token is verified like every API request's (issuer, audience, RS256, tenant, sub, "
                    + "exp) and kept in an HttpOnly, Secure, SameSite=Strict cookie until it expires.")
    @APIResponse(responseCode = "303", description = "Signed in: to the inbox.")
    @APIResponse(responseCode = "401", description = "The token was refused: the form again.",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "403", description = "No valid CSRF token.", content = @Content(mediaType = "text/html"))
    public Response login(@RestForm String token, RoutingContext routing) {
        return session.signIn(token)
                .map(cookie -> Html.seeOther("/").cookie(cookie).build())
                .orElseGet(() -> Html.pageNow(401, Pages.login(CsrfFilters.token(routing),
                        "That token was not accepted: it must be a valid, unexpired Countersign token of your tenant.")));
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign out", description = "Drops the session cookie.")
    @APIResponse(responseCode = "303", description = "To the sign-in form.")
    public Response logout() {
        return Html.seeOther("/login").cookie(session.signOut()).build();
    }

    @GET
    @Path("proposals/{proposal_id}")
    @Operation(summary = "One proposal, with approve, deny and edit-then-approve forms",
            description = "HTML. The forms appear when the signed-in person may decide the proposal now.")
    @APIResponse(responseCode = "200", description = "The proposal page.", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "303", description = "Not signed in: to /login.")
    @APIResponse(responseCode = "404", description = "Unknown, another tenant's, or not visible to this person.",
            content = @Content(mediaType = "text/html"))
    public Uni<Response> proposal(@RestPath("proposal_id") String proposalId, @RestQuery String decided,
            RoutingContext routing) {
        return signedIn(viewer -> queries.find(viewer, proposalId)
                .flatMap(view -> proposalPage(200, viewer, view, notice(decided), null, null, null, routing)), "/");
    }

    @POST
    @Path("proposals/{proposal_id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Approve from the inbox", description = "Form fields: digest (the one shown), comment.")
    @APIResponse(responseCode = "303", description = "Decided: back to the proposal page.")
    @APIResponse(responseCode = "403", description = "not_eligible, or no valid CSRF token.",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "409", description = "stale_digest, already_decided, expired or dry_run_pending.",
            content = @Content(mediaType = "text/html"))
    public Uni<Response> approve(@RestPath("proposal_id") String proposalId, @RestForm String digest,
            @RestForm String comment) {
        return decide(proposalId, viewer -> new DecisionCommand(viewer.tenant(), proposalId, viewer,
                Decision.APPROVE, Channels.INBOX, blankToNull(comment), null, blankToNull(digest)), "approved");
    }

    @POST
    @Path("proposals/{proposal_id}/deny")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Deny from the inbox", description = "Form fields: digest (the one shown), reason.")
    @APIResponse(responseCode = "303", description = "Decided: back to the proposal page.")
    @APIResponse(responseCode = "403", description = "not_eligible, or no valid CSRF token.",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "409", description = "stale_digest, already_decided, expired or dry_run_pending.",
            content = @Content(mediaType = "text/html"))
    public Uni<Response> deny(@RestPath("proposal_id") String proposalId, @RestForm String digest,
            @RestForm String reason) {
        return decide(proposalId, viewer -> new DecisionCommand(viewer.tenant(), proposalId, viewer, Decision.DENY,
                Channels.INBOX, blankToNull(reason), null, blankToNull(digest)), "denied");
    }

    @POST
    @Path("proposals/{proposal_id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Edit the parameters, then approve, from the inbox",
            description = "Form fields: digest (the one shown), parameters (a JSON object replacing the effective "
                    + "parameters), comment. Invalid parameters render the page again with every error (422).")
    @APIResponse(responseCode = "303", description = "Decided: back to the proposal page.")
    @APIResponse(responseCode = "403", description = "not_eligible, or no valid CSRF token.",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "409", description = "stale_digest, already_decided, expired or dry_run_pending.",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "422", description = "invalid_parameters: the page again with errors[].",
            content = @Content(mediaType = "text/html"))
    public Uni<Response> edit(@RestPath("proposal_id") String proposalId, @RestForm String digest,
            @RestForm String parameters, @RestForm String comment, RoutingContext routing) {
        return signedIn(viewer -> {
            Map<String, Object> edited;
            try {
                edited = parseObject(parameters);
            } catch (DomainException e) {
                return rerender(viewer, proposalId, parameters, e, routing);
            }
            return decisions.decide(new DecisionCommand(viewer.tenant(), proposalId, viewer, Decision.APPROVE,
                            Channels.INBOX, blankToNull(comment), edited, blankToNull(digest)))
                    .map(view -> decided(view, "edited"))
                    .onFailure(InboxResource::invalid).recoverWithUni(e -> rerender(viewer, proposalId, parameters,
                            (DomainException) e, routing));
        }, back(proposalId));
    }

    private Uni<Response> decide(String proposalId, Function<Viewer, DecisionCommand> command, String outcome) {
        return signedIn(viewer -> decisions.decide(command.apply(viewer)).map(view -> decided(view, outcome)),
                back(proposalId));
    }

    /** Runs {@code page} for the signed-in viewer; not signed in: to /login; a refusal: its problem page. */
    private Uni<Response> signedIn(Function<Viewer, Uni<Response>> page, String back) {
        return session.state()
                .flatMap(state -> {
                    if (state instanceof WebSession.SignedIn signedIn) {
                        return page.apply(signedIn.viewer());
                    }
                    // No token may just mean the browser did not send its SameSite=Strict cookie (a link followed
                    // from a mail): leave the cookie alone. A refused one (expired) is dropped.
                    Response.ResponseBuilder toLogin = Html.seeOther("/login");
                    return Uni.createFrom().item((state instanceof WebSession.Invalid
                            ? toLogin.cookie(session.signOut()) : toLogin).build());
                })
                .onFailure().recoverWithUni(e -> Html.problem(e, back));
    }

    private static Response decided(ApprovalView view, String outcome) {
        return Html.seeOther(ProposalCard.of(view, Instant.now()).href() + "?decided=" + outcome).build();
    }

    /** The proposal page again with the submitted text and what was wrong with it (422). */
    private Uni<Response> rerender(Viewer viewer, String proposalId, String text, DomainException problem,
            RoutingContext routing) {
        return queries.find(viewer, proposalId).flatMap(view -> proposalPage(422, viewer, view, null, text,
                problem.getMessage(), problem.errors(), routing));
    }

    private Uni<Response> proposalPage(int status, Viewer viewer, ApprovalView view, String notice, String editText,
            String errorMessage, List<FieldError> errors, RoutingContext routing) {
        Instant now = Instant.now();
        ProposalCard card = ProposalCard.of(view, now);
        boolean mayDecide = view.mayDecide(viewer, now);
        Pages.Forms forms = new Pages.Forms(mayDecide, mayDecide ? null : whyNot(view, viewer, now),
                editText != null ? editText : card.parameters(), notice,
                errors == null ? List.of() : errors, errorMessage);
        return Html.page(status, Pages.proposal(who(viewer), card, forms, CsrfFilters.token(routing)));
    }

    private static String whyNot(ApprovalView view, Viewer viewer, Instant now) {
        if (view.status() != ApprovalStatus.PENDING) {
            return "This proposal is " + view.status().wire() + ".";
        }
        if (!now.isBefore(view.expiresAt())) {
            return "This proposal has expired.";
        }
        if (view.dryRunPending()) {
            return "A dry run of these parameters is running; it can be decided when it completes. Reload this page.";
        }
        if (Eligibility.selfBarred(view.required(), viewer, view.endUserId(), view.submittedBy())) {
            return "You proposed this; its policy forbids approving your own proposals.";
        }
        if (Eligibility.named(view.required(), viewer, view.endUserId())
                && Eligibility.submitterAsEndUser(view.required(), viewer.subject(), view.submittedBy())) {
            return "You submitted this proposal; you may not approve it as its end user.";
        }
        if (!view.eligible(viewer)) {
            return "You are not among those who may decide this proposal.";
        }
        if (view.decidedBy(viewer)) {
            return "You already decided on these parameters; it is waiting for others.";
        }
        return "You cannot decide this proposal now.";
    }

    private static String notice(String decided) {
        if (decided == null) {
            return null;
        }
        return switch (decided) {
            case "approved" -> "Your approval was recorded.";
            case "denied" -> "Your denial was recorded.";
            case "edited" -> "Your edited parameters and your approval were recorded.";
            default -> null;
        };
    }

    private static Map<String, Object> parseObject(String text) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("invalid_parameters", "The parameters are not valid JSON.",
                    List.of(new FieldError("parameters", "malformed", e.getOriginalMessage())));
        }
        if (node == null || !node.isObject()) {
            throw DomainException.invalid("invalid_parameters", "The parameters must be a JSON object.",
                    List.of(new FieldError("parameters", "wrong_type", "Expected a JSON object { ... }.")));
        }
        return Json.mapper().convertValue(node, OBJECT);
    }

    private static boolean invalid(Throwable e) {
        return e instanceof DomainException d && d.kind() == DomainException.Kind.INVALID;
    }

    private static Pages.SignedIn who(Viewer viewer) {
        return new Pages.SignedIn(viewer.subject(), viewer.tenant());
    }

    private static String back(String proposalId) {
        return "/proposals/" + ProposalCard.segment(proposalId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
