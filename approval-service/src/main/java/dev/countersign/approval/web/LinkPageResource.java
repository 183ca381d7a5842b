package dev.countersign.approval.web;

import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.web.links.LinkService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The pages of a signed one-time link at {@code /a/{token}}: {@code GET} shows what the link would decide and
 * decides nothing (mail and chat link scanners prefetch URLs); the page's form {@code POST}s to the same URL,
 * which decides once. No sign-in: the signed token is the credential. Refusals are HTML pages with their status.
 */
@Path("/a/{token}")
@WebPage
@Produces(MediaType.TEXT_HTML)
@Tag(name = "links", description = "Signed one-time approve/deny links (HTML).")
public class LinkPageResource {
    private final LinkService links;

    LinkPageResource(LinkService links) {
        this.links = links;
    }

    @GET
    @Operation(summary = "A one-time link's confirmation page",
            description = "Shows the proposal (action, parameters, reason, dry-run outcome, expiry) and the decision "
                    + "the link makes. Decides nothing.")
    @APIResponse(responseCode = "200", description = "The confirmation page.", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "403", description = "not_eligible.", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "404", description = "A garbled, forged or unknown link.",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "409", description = "already_used, expired, already_decided, stale_digest or "
            + "dry_run_pending.", content = @Content(mediaType = "text/html"))
    public Uni<Response> confirm(@RestPath String token, RoutingContext routing) {
        return links.open(token)
                .flatMap(opened -> Html.page(200, Pages.link(ProposalCard.of(opened.view(), Instant.now()),
                        opened.claims().decision().wire(), opened.claims().approver(),
                        opened.claims().expiresAt().toString(), label(opened.claims().decision()),
                        CsrfFilters.token(routing))))
                .onFailure().recoverWithUni(e -> Html.problem(e, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Decide with a one-time link",
            description = "Form fields: comment (optional; a denial's reason). Decides through the same rules as "
                    + "every channel (channel link) and uses the link up.")
    @APIResponse(responseCode = "200", description = "Decided.", content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "403", description = "not_eligible, or no valid CSRF token.",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "404", description = "A garbled, forged or unknown link.",
            content = @Content(mediaType = "text/html"))
    @APIResponse(responseCode = "409", description = "already_used, expired, already_decided, stale_digest or "
            + "dry_run_pending.", content = @Content(mediaType = "text/html"))
    public Uni<Response> decide(@RestPath String token, @RestForm String comment) {
        return links.use(token, comment)
                .flatMap(used -> Html.page(200, Pages.linkDone(ProposalCard.of(used.view(), Instant.now()),
                        used.claims().decision().wire())))
                .onFailure().recoverWithUni(e -> Html.problem(e, null));
    }

    private static String label(Decision decision) {
        return decision == Decision.APPROVE ? "Approve" : "Deny";
    }
}
