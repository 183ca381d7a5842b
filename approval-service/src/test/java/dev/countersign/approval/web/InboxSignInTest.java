package dev.countersign.approval.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Signing in to the inbox: a bearer token verified like any API request, kept in an HttpOnly, Secure,
 * SameSite=Strict {@code __Host-} cookie that opens the pages but not the JSON API (which wants the Authorization
 * header); CSRF-protected forms ({@code __Host-} cookie too); sign-out; hardening headers.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class InboxSignInTest {
    static final String SESSION = WebFixture.SESSION;
    static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    static String setCookie(Response response, String name) {
        return response.headers().getList("Set-Cookie").stream().map(h -> h.getValue())
                .filter(v -> v.startsWith(name + "=")).findFirst().orElse(null);
    }

    static Response signIn(String token, String csrf) {
        return given().redirects().follow(false).cookie(WebFixture.CSRF, csrf)
                .formParam("csrf-token", csrf).formParam("token", token).post("/login");
    }

    @Test
    void withoutATokenTheInboxSendsYouToSignIn() {
        Response response = given().redirects().follow(false).get("/");
        response.then().statusCode(303).header("Location", "/login");
        // No token may mean the browser did not send its Strict cookie (a link from a mail): the cookie is kept.
        assertThat(setCookie(response, SESSION)).isNull();
        given().redirects().follow(false).get("/proposals/p-1").then().statusCode(303).header("Location", "/login");
    }

    @Test
    void theSignInFormCarriesTheCsrfTokenOfItsHttpOnlyCookieAndTheHardeningHeaders() {
        Response page = given().get("/login");
        page.then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
        String cookie = setCookie(page, WebFixture.CSRF);
        // Lax: the token is no credential, and it must reach a link page opened from a mail (see CsrfFilters).
        assertThat(cookie).isNotNull().containsIgnoringCase("HttpOnly").contains("Secure")
                .contains("SameSite=Lax").contains("Path=/");
        hostPrefixed(cookie);
        Matcher hidden = HIDDEN_CSRF.matcher(page.body().asString());
        assertThat(hidden.find()).isTrue();
        assertThat(cookie).startsWith(WebFixture.CSRF + "=" + hidden.group(1) + ";");

        // A browser that already has the cookie keeps it: the form repeats it and no new cookie is set.
        Response again = given().cookie(WebFixture.CSRF, hidden.group(1)).get("/login");
        assertThat(setCookie(again, WebFixture.CSRF)).isNull();
        assertThat(again.body().asString()).contains("value=\"" + hidden.group(1) + "\"");
    }

    @Test
    void aValidTokenSignsInWithASecureHttpOnlyStrictCookieThatLivesAsLongAsTheToken() {
        String tenant = WebFixture.tenant();
        String token = TestJwt.approver(tenant);
        Response response = signIn(token, WebFixture.csrf());
        response.then().statusCode(303).header("Location", "/");
        String cookie = setCookie(response, SESSION);
        assertThat(cookie).isNotNull().startsWith(SESSION + "=" + token + ";").contains("HttpOnly")
                .contains("Secure").contains("SameSite=Strict").contains("Path=/");
        hostPrefixed(cookie);
        Matcher maxAge = Pattern.compile("Max-Age=(\\d+)").matcher(cookie);
        assertThat(maxAge.find()).isTrue();
        assertThat(Long.parseLong(maxAge.group(1))).isBetween(3000L, 3600L);

        // "Bearer <token>" pasted whole works too.
        signIn("Bearer " + token, WebFixture.csrf()).then().statusCode(303);
    }

    @Test
    void theSessionCookieOpensTheInboxButNotTheJsonApiWhichWantsTheAuthorizationHeader() {
        String tenant = WebFixture.tenant();
        String token = TestJwt.approver(tenant);
        given().cookie(SESSION, token).get("/").then().statusCode(200)
                .body(containsString("approver@" + tenant)).body(containsString("Waiting for your decision"));
        given().auth().oauth2(token).get("/").then().statusCode(200).body(containsString("approver@" + tenant));

        given().auth().oauth2(token).get("/v1/approvals?status=pending").then().statusCode(200);
        // The cookie alone is no credential for the API (a browser attaches it to every request of this origin).
        for (String path : List.of("/v1/approvals?status=pending", "/v1/approvals/p-1", "/v1/approvals")) {
            given().cookie(SESSION, token).get(path).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                    .body("code", equalTo("unauthorized"))
                    .body("detail", containsString("Authorization: Bearer"));
        }
        given().cookie(SESSION, token).contentType("application/json").body("{\"comment\": \"ok\"}")
                .post("/v1/approvals/p-1/approve").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().cookie(SESSION, token).contentType("application/json").body("{\"approver\": \"x\"}")
                .post("/v1/approvals/p-1/links").then().statusCode(401).body("code", equalTo("unauthorized"));
        // With the header too it is the header's request; a header naming another token is refused, not ignored
        // (smallrye-jwt would take the cookie's).
        given().cookie(SESSION, token).auth().oauth2(token).get("/v1/approvals?status=pending").then()
                .statusCode(200);
        given().cookie(SESSION, token).auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals").then()
                .statusCode(401).body("code", equalTo("unauthorized"));
        given().get("/v1/approvals?status=pending").then().statusCode(401);
        given().auth().oauth2(TestJwt.tokenForAudience("elsewhere", "x", tenant, "approver"))
                .get("/v1/approvals?status=pending").then().statusCode(401);
    }

    /** A __Host- cookie: Secure, Path=/ and no Domain, or browsers refuse it. */
    static void hostPrefixed(String setCookie) {
        assertThat(setCookie).startsWith("__Host-").contains("Secure").contains("Path=/")
                .doesNotContainIgnoringCase("Domain=");
    }

    @Test
    void aRefusedTokenShowsTheFormAgainAndSetsNoSession() {
        String tenant = WebFixture.tenant();
        for (String bad : List.of("not-a-jwt", TestJwt.tokenForAudience("elsewhere", "x", tenant, "approver"),
                TestJwt.hs256(TestJwt.publicKeyPem(), "x", tenant, "approver"),
                TestJwt.token("no-tenant", null, "approver"), "")) {
            Response response = signIn(bad, WebFixture.csrf());
            response.then().statusCode(401).body(containsString("was not accepted"));
            assertThat(setCookie(response, SESSION)).isNull();
        }
    }

    @Test
    void aFormWithoutAMatchingCsrfFieldAndCookieIsRefused() {
        String token = TestJwt.approver(WebFixture.tenant());
        String csrf = WebFixture.csrf();
        // cookie but no field
        given().redirects().follow(false).cookie(WebFixture.CSRF, csrf).formParam("token", token).post("/login")
                .then().statusCode(403).body(containsString("Form refused"));
        // field but no cookie (what a page of another site could send)
        given().redirects().follow(false).formParam("csrf-token", csrf).formParam("token", token).post("/login")
                .then().statusCode(403);
        // both, different
        given().redirects().follow(false).cookie(WebFixture.CSRF, csrf).formParam("csrf-token", WebFixture.csrf())
                .formParam("token", token).post("/login").then().statusCode(403);
        // not a form at all (refused before the filter: the endpoint takes forms only)
        given().redirects().follow(false).cookie(WebFixture.CSRF, csrf).contentType("application/json")
                .body("{\"token\": \"" + token + "\"}").post("/login").then().statusCode(anyOf(is(403), is(415)))
                .header("Set-Cookie", nullValue());
        // sign-out is a form too
        given().redirects().follow(false).cookie(SESSION, token).post("/logout").then().statusCode(403);
    }

    @Test
    void signingOutDropsTheCookie() {
        String csrf = WebFixture.csrf();
        Response response = given().redirects().follow(false).cookie(SESSION, TestJwt.approver(WebFixture.tenant()))
                .cookie(WebFixture.CSRF, csrf).formParam("csrf-token", csrf).post("/logout");
        response.then().statusCode(303).header("Location", "/login");
        assertThat(setCookie(response, SESSION)).startsWith(SESSION + "=;").contains("Max-Age=0");
        hostPrefixed(setCookie(response, SESSION));
    }

    @Test
    void anInvalidSessionCookieSendsYouBackToSignInAndDropsIt() {
        Response response = given().redirects().follow(false).cookie(SESSION, "garbage").get("/");
        response.then().statusCode(303).header("Location", "/login");
        assertThat(setCookie(response, SESSION)).contains("Max-Age=0");
        given().redirects().follow(false).get("/login").then().statusCode(200)
                .body(not(containsString("Sign out")));
    }

    @Test
    void theOpenApiDocumentListsTheInboxAndLinkEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/'.get.tags[0]", equalTo("inbox"))
                .body("paths.'/login'.post.summary", containsString("Sign in"))
                .body("paths.'/a/{token}'.get.summary", containsString("confirmation"))
                .body("paths.'/v1/approvals/{proposal_id}/links'.post.responses.'201'.description", equalTo("The links."));
    }
}
