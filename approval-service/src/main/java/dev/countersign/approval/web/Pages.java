package dev.countersign.approval.web;

import dev.countersign.contracts.events.FieldError;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;

/**
 * The HTML pages ({@code templates/web/*.html}), type-checked at build time. Qute escapes every value inserted
 * into them (they end in {@code .html}); nothing is marked raw.
 */
@CheckedTemplate(basePath = "web")
final class Pages {

    private Pages() {
    }

    /** Who is signed in, for the page header. */
    record SignedIn(String subject, String tenant) {
    }

    /** What the proposal page offers: the decision forms when the viewer may decide now, else why not. */
    record Forms(boolean mayDecide, String whyNot, String editText, String notice, List<FieldError> errors,
            String errorMessage) {
    }

    /** The sign-in form; {@code error} when a token was refused. */
    static native TemplateInstance login(String csrf, String error);

    /** The pending list: what the viewer may decide now. */
    static native TemplateInstance inbox(SignedIn signedIn, List<ProposalCard> items, String nextAfter, String csrf);

    /** One proposal with approve, deny and edit-then-approve. */
    static native TemplateInstance proposal(SignedIn signedIn, ProposalCard card, Forms forms, String csrf);

    /** A refusal ({@code back} is where to go next). */
    static native TemplateInstance problem(WebProblem problem, String back);

    /** A one-time link's confirmation page: shows what it decides, decides nothing until its form is posted. */
    static native TemplateInstance link(ProposalCard card, String decision, String approver, String linkExpiresAt,
            String action, String csrf);

    /** After a one-time link decided. */
    static native TemplateInstance linkDone(ProposalCard card, String decision);
}
