package dev.countersign.approval.web.links;

import dev.countersign.approval.domain.ApprovalStatus;
import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.Channels;
import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.domain.DecisionCommand;
import dev.countersign.approval.domain.Eligibility;
import dev.countersign.approval.domain.Viewer;
import dev.countersign.approval.service.ApprovalQueries;
import dev.countersign.approval.service.DecisionService;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.persistence.Transactions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Signed one-time links (DESIGN §4b): issues an approve and a deny link for one approver, opens a link for its
 * confirmation page (deciding nothing, so link scanners that prefetch URLs are harmless) and uses it, consuming
 * the link in the same transaction as the decision it makes through {@link DecisionService} (channel {@code link}).
 *
 * <p>Eligibility of a link's approver is evaluated with the groups recorded when it was issued: the approver's own
 * groups when they asked for the link themselves; when a countersign-admin issued it for someone else, the
 * approval's required role (the admin vouches that this person holds it; an end-user approval needs no group, the
 * subject must be the proposal's user). A vouching admin is accountable for the decision: it is recorded as
 * {@code issued_by}, the quorum counts the admin rather than the approver (links one admin issued for several people
 * count once), and {@code forbid_self_approval} bars the admin as it bars the approver (an admin who is the
 * proposal's user or submitter cannot vouch). Created at start-up so a missing or short secret stops the service at
 * once.
 */
@ApplicationScoped
@Startup
public class LinkService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApprovalQueries queries;
    private final DecisionService decisions;
    private final Transactions transactions;
    private final LinkRepository links;
    private final LinksConfig config;
    private final LinkTokens tokens;
    private final String publicUrl;

    LinkService(ApprovalQueries queries, DecisionService decisions, Transactions transactions, LinkRepository links,
            LinksConfig config, PublicUrlConfig urls) {
        this.queries = queries;
        this.decisions = decisions;
        this.transactions = transactions;
        this.links = links;
        this.config = config;
        this.tokens = new LinkTokens(config.secret());
        String base = urls.publicUrl().strip();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** An approve link, a deny link and their common deadline. */
    public record Issued(String approveUrl, String denyUrl, Instant expiresAt) {
    }

    /** A link that may be used now, and the approval it decides. */
    public record Opened(LinkClaims claims, ApprovalView view) {
    }

    /**
     * Issues an approve and a deny link of {@code proposalId} for {@code approver}, asked by {@code caller}: a
     * countersign-admin of the tenant, or the approver themselves. The approver must be eligible now.
     */
    public Uni<Issued> issue(Viewer caller, String proposalId, String approver) {
        if (approver == null || approver.isBlank()) {
            return Uni.createFrom().failure(DomainException.invalid("invalid", "Name the approver the links are for.",
                    List.of(new FieldError("approver", "required", "approver is required."))));
        }
        boolean self = caller.subject().equals(approver);
        if (!self && !caller.isAdmin()) {
            return Uni.createFrom().failure(DomainException.forbidden("forbidden",
                    "Only a countersign-admin of the tenant, or the approver themselves, may ask for links."));
        }
        return queries.find(caller, proposalId).flatMap(view -> {
            Instant now = Instant.now();
            Set<String> groups = self ? caller.groups() : vouched(view.required());
            String issuer = self ? null : caller.subject();
            Viewer linkViewer = new Viewer(view.tenant(), approver, groups);
            refuseUndecidable(view, now);
            if (issuer != null && Eligibility.issuerBarred(view.required(), issuer, view.endUserId(),
                    view.submittedBy())) {
                throw issuerBarred(issuer);
            }
            if (!view.eligible(linkViewer, issuer)) {
                throw notEligible(approver);
            }
            Instant deadline = min(now.plus(config.ttl()), view.expiresAt()).truncatedTo(ChronoUnit.SECONDS);
            String issueId = randomId();
            LinkEntity approve = row(issueId, view, approver, Decision.APPROVE, groups, caller.subject(), deadline);
            LinkEntity deny = row(issueId, view, approver, Decision.DENY, groups, caller.subject(), deadline);
            return transactions.write(session -> links.persist(approve, deny))
                    .invoke(() -> Log.infof("links for proposal %s of tenant %s issued to %s by %s, valid until %s",
                            view.proposalId(), view.tenant(), approver, caller.subject(), deadline))
                    .replaceWith(new Issued(url(claims(approve)), url(claims(deny)), deadline));
        });
    }

    /**
     * The link of {@code token} and its approval when it can be used now; otherwise fails as using it would:
     * 404 {@code not_found} (garbled, forged, unknown), 409 {@code already_used | expired | already_decided |
     * stale_digest | dry_run_pending}, 403 {@code not_eligible}. Changes nothing.
     */
    public Uni<Opened> open(String token) {
        LinkClaims claims;
        try {
            claims = verified(token);
        } catch (DomainException e) {
            return Uni.createFrom().failure(e);
        }
        return transactions.<LinkEntity>read(session -> links.findById(claims.linkId()))
                .flatMap(row -> {
                    Viewer viewer = usable(row, claims, Instant.now());
                    String issuer = issuer(row);
                    // The signed link is the holder's access; eligibility is checked below (403, as using it).
                    return queries.findForLink(claims.tenant(), claims.proposalId()).map(view -> {
                        Instant now = Instant.now();
                        refuseUndecidable(view, now);
                        if (!view.digest().equals(claims.digest())) {
                            throw staleDigest();
                        }
                        if (issuer != null && Eligibility.issuerBarred(view.required(), issuer, view.endUserId(),
                                view.submittedBy())) {
                            throw issuerBarred(issuer);
                        }
                        if (!view.eligible(viewer, issuer)) {
                            throw notEligible(claims.approver());
                        }
                        return new Opened(claims, view);
                    });
                });
    }

    /**
     * Decides with the link of {@code token}: consumes it (and its sibling) and decides through
     * {@link DecisionService#decideIn} in one transaction, so a refused decision leaves the link unused and a link
     * decides at most once even when used twice at the same time (the second finds it used, 409
     * {@code already_used}, or the approval decided, 409 {@code already_decided}). A decision after the deadline
     * commits the expiry (and the link with it) and answers 409 {@code expired}.
     */
    public Uni<Opened> use(String token, String comment) {
        LinkClaims claims;
        try {
            claims = verified(token);
        } catch (DomainException e) {
            return Uni.createFrom().failure(e);
        }
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        return transactions.<DecisionService.Outcome>write(session -> links.findById(claims.linkId()).flatMap(row -> {
            Instant now = Instant.now();
            Viewer viewer = usable(row, claims, now);
            return links.consume(row.issueId, now).flatMap(changed -> {
                if (changed == 0) {
                    return Uni.createFrom().failure(alreadyUsed());
                }
                return decisions.decideIn(session, new DecisionCommand(claims.tenant(), claims.proposalId(), viewer,
                        claims.decision(), Channels.LINK, note, null, claims.digest(), issuer(row)));
            });
        })).map(outcome -> {
            if (outcome.refusal() != null) {
                throw outcome.refusal();
            }
            ApprovalView view = outcome.view();
            Log.infof("proposal %s of tenant %s: %s by %s through a one-time link", view.proposalId(), view.tenant(),
                    claims.decision().wire(), claims.approver());
            return new Opened(claims, view);
        });
    }

    private LinkClaims verified(String token) {
        return tokens.verify(token).orElseThrow(LinkService::noSuchLink);
    }

    /** The viewer a link decides as, once its row matches the token, is unused and in time. */
    private static Viewer usable(LinkEntity row, LinkClaims claims, Instant now) {
        if (row == null || !row.tenant.equals(claims.tenant()) || !row.proposalId.equals(claims.proposalId())
                || !row.approver.equals(claims.approver()) || !row.decision.equals(claims.decision().wire())
                || !row.digest.equals(claims.digest())) {
            throw noSuchLink();
        }
        if (row.usedAt != null) {
            throw alreadyUsed();
        }
        if (!now.isBefore(claims.expiresAt()) || !now.isBefore(row.expiresAt)) {
            throw new DomainException(DomainException.Kind.CONFLICT, "expired",
                    "This link has expired. Ask for a new one, or decide in the inbox.");
        }
        return new Viewer(row.tenant, row.approver, Set.copyOf(row.groups));
    }

    /** Who vouched for the link's approver: its issuer when that is someone else; null for one's own link. */
    private static String issuer(LinkEntity row) {
        return row.issuedBy == null || row.issuedBy.equals(row.approver) ? null : row.issuedBy;
    }

    private static void refuseUndecidable(ApprovalView view, Instant now) {
        if (view.status() == ApprovalStatus.EXPIRED
                || (view.status() == ApprovalStatus.PENDING && !now.isBefore(view.expiresAt()))) {
            throw new DomainException(DomainException.Kind.CONFLICT, "expired",
                    "This proposal expired without a decision.");
        }
        if (view.status() != ApprovalStatus.PENDING) {
            throw new DomainException(DomainException.Kind.CONFLICT, "already_decided",
                    "This proposal has already been " + view.status().wire() + ".");
        }
        if (view.dryRunPending()) {
            throw new DomainException(DomainException.Kind.CONFLICT, "dry_run_pending",
                    "A dry run of this proposal is still running; it can be decided when it completes.");
        }
    }

    private static Set<String> vouched(RequiredApproval required) {
        return required != null && required.role() != null && !required.role().isBlank()
                ? Set.of(required.role()) : Set.of();
    }

    private static LinkEntity row(String issueId, ApprovalView view, String approver, Decision decision,
            Set<String> groups, String issuedBy, Instant deadline) {
        LinkEntity row = new LinkEntity();
        row.linkId = randomId();
        row.issueId = issueId;
        row.tenant = view.tenant();
        row.proposalId = view.proposalId();
        row.approver = approver;
        row.decision = decision.wire();
        row.digest = view.digest();
        row.groups = new ArrayList<>(groups.stream().sorted().toList());
        row.issuedBy = issuedBy;
        row.expiresAt = deadline;
        return row;
    }

    private static LinkClaims claims(LinkEntity row) {
        return new LinkClaims(row.linkId, row.tenant, row.proposalId, row.approver,
                "approve".equals(row.decision) ? Decision.APPROVE : Decision.DENY, row.digest, row.expiresAt);
    }

    private String url(LinkClaims claims) {
        return publicUrl + "/a/" + tokens.sign(claims);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static DomainException noSuchLink() {
        return DomainException.notFound("This link is not valid. Check that it was copied whole, or ask for a new one.");
    }

    static DomainException alreadyUsed() {
        return DomainException.conflict("already_used", "This link has already been used; a link decides once.");
    }

    static DomainException staleDigest() {
        return DomainException.conflict("stale_digest",
                "The proposal changed after this link was issued (its parameters were edited or a dry run completed); "
                        + "ask for a new link or decide in the inbox.");
    }

    static DomainException issuerBarred(String issuer) {
        return DomainException.forbidden("not_eligible", issuer + " is this proposal's user or submitter and may not "
                + "vouch for an approver of it; the approver can ask for their own link.");
    }

    static DomainException notEligible(String approver) {
        return DomainException.forbidden("not_eligible", approver + " may not decide this proposal.");
    }
}
