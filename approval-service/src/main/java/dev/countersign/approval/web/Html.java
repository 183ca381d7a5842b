package dev.countersign.approval.web;

import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Responses of the HTML pages: a rendered template with its status, or a redirect. */
final class Html {
    static final MediaType TYPE = MediaType.TEXT_HTML_TYPE.withCharset("UTF-8");

    private Html() {
    }

    /** {@code page} rendered, answered with {@code status}. */
    static Uni<Response> page(int status, TemplateInstance page) {
        return page.createUni().map(html -> Response.status(status).type(TYPE).entity(html).build());
    }

    /** {@code page} rendered now (worker threads). */
    static Response pageNow(int status, TemplateInstance page) {
        return Response.status(status).type(TYPE).entity(page.render()).build();
    }

    /** A refusal as a page with its own status; {@code back} (may be null) is where to go on. */
    static Uni<Response> problem(Throwable failure, String back) {
        WebProblem problem = WebProblem.of(failure);
        return page(problem.status(), Pages.problem(problem, back));
    }

    /** 303 to {@code location} (a path of this site; a relative Location keeps proxies and hosts out of it). */
    static Response.ResponseBuilder seeOther(String location) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, location);
    }
}
