package dev.countersign.approval.web;

import static dev.countersign.approval.web.WebFixture.awaitPending;
import static dev.countersign.approval.web.WebFixture.newId;
import static dev.countersign.approval.web.WebFixture.proposal;
import static dev.countersign.approval.web.WebFixture.publish;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "done when": a real headless browser (Debian's chromium and chromedriver, driven by Selenium) signs
 * in to the inbox with an approver's token, approves one proposal, denies another and edits-then-approves a third
 * through the pages, and the resulting events arrive on {@code countersign.approvals}. Saves a screenshot of the
 * inbox list (target/inbox.png; docs/inbox.png when missing or with -Dcountersign.screenshots.update=true).
 *
 * <p>Skipped only when the browser is not installed and {@code CI} is not set; under CI it always runs
 * ({@code .ci/run} installs chromium and chromium-driver when missing).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class InboxBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> approvals;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        approvals = kafka.watch(Topics.APPROVALS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static boolean underCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci);
    }

    static Map<String, Object> parameters(String order, Object amount, boolean notify) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("order_number", order);
        parameters.put("amount", amount);
        parameters.put("notify", notify);
        return parameters;
    }

    static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static JsonNode awaitEvent(String id, String type) {
        return KafkaTestClient.await(approvals, r -> id.equals(r.key()) && type.equals(r.type()), WAIT).json();
    }

    /** The repository's root (where mvnw is), from the module directory the test runs in. */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    static void screenshot(WebDriver driver, String name, boolean forDocs) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        Path root = repositoryRoot();
        if (forDocs && root != null) {
            Path docs = root.resolve("docs").resolve(name);
            if (!Files.exists(docs) || Boolean.getBoolean("countersign.screenshots.update")) {
                Files.createDirectories(docs.getParent());
                Files.copy(shot.toPath(), docs, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void anApproverApprovesDeniesAndEditsThroughTheInboxInARealBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) || underCi(),
                "chromium and chromedriver are not installed (CI installs them and never skips this test)");

        String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 6);
        String approver = "grace.hopper";
        String token = TestJwt.token(approver, tenant, "approver");
        Instant expiry = Instant.now().plus(3, ChronoUnit.HOURS);
        String toApprove = newId();
        String toDeny = newId();
        String toEdit = newId();
        publish(kafka, proposal(toApprove, tenant, "role:approver", parameters("ORD-10042", 42, true), expiry,
                "The parcel arrived damaged; the customer sent photos."));
        publish(kafka, proposal(toDeny, tenant, "role:approver", parameters("ORD-10077", 120, true), expiry,
                "The customer says the order never arrived."));
        publish(kafka, proposal(toEdit, tenant, "role:approver", parameters("ORD-10093", 990, false), expiry,
                "Refund the full order: two of three items were missing."));
        for (String id : List.of(toApprove, toDeny, toEdit)) {
            awaitPending(tenant, id);
        }

        Path profile = Files.createTempDirectory("countersign-chromium-");
        WebDriver driver = chromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            String base = root.toString().endsWith("/") ? root.toString() : root + "/";

            // Not signed in: the inbox sends the browser to the sign-in form.
            driver.get(base);
            wait.until(ExpectedConditions.urlToBe(base + "login"));
            driver.findElement(By.id("token")).sendKeys(token);
            driver.findElement(By.id("sign-in")).click();
            wait.until(ExpectedConditions.urlToBe(base));
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".card.proposal"), 3));
            assertThat(driver.getPageSource()).contains(approver).contains("ORD-10042").contains("ORD-10077")
                    .contains("ORD-10093").contains("The parcel arrived damaged");
            screenshot(driver, "inbox.png", true);

            // Approve the first.
            driver.findElement(By.cssSelector("#item-" + toApprove + " a.open")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("approve")));
            driver.findElement(By.id("approve-comment")).sendKeys("Photos confirm the damage.");
            driver.findElement(By.id("approve")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "approval was recorded"));
            assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("approved");

            // Deny the second, with a reason.
            driver.get(base);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".card.proposal"), 2));
            driver.findElement(By.cssSelector("#item-" + toDeny + " a.open")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("deny")));
            driver.findElement(By.id("deny-reason")).sendKeys("Tracking shows it was delivered.");
            driver.findElement(By.id("deny")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "denial was recorded"));
            assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("denied");

            // Edit the third: an amount over the schema's maximum is shown back with the error, then corrected.
            driver.get(base);
            wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".card.proposal"), 1));
            driver.findElement(By.cssSelector("#item-" + toEdit + " a.open")).click();
            WebElement text = wait.until(ExpectedConditions.elementToBeClickable(By.id("edit-parameters")));
            text.clear();
            text.sendKeys("{\"order_number\": \"ORD-10093\", \"amount\": 5000, \"notify\": true}");
            driver.findElement(By.id("edit-approve")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
            assertThat(driver.findElement(By.id("problem")).getText()).contains("amount");
            assertThat(driver.findElement(By.id("edit-parameters")).getAttribute("value")).contains("5000");
            screenshot(driver, "inbox-edit-error.png", false);
            text = driver.findElement(By.id("edit-parameters"));
            text.clear();
            text.sendKeys("{\"order_number\": \"ORD-10093\", \"amount\": 660, \"notify\": true}");
            driver.findElement(By.id("edit-comment")).sendKeys("Only two of three items were missing.");
            driver.findElement(By.id("edit-approve")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "edited parameters"));
            assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("approved");

            // Nothing is left; signing out drops the session.
            driver.get(base);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("empty")));
            driver.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.urlToBe(base + "login"));
            driver.get(base);
            wait.until(ExpectedConditions.urlToBe(base + "login"));
        } catch (RuntimeException | AssertionError e) {
            screenshot(driver, "inbox-failure.png", false);
            throw e;
        } finally {
            driver.quit();
        }

        JsonNode approved = awaitEvent(toApprove, EventTypes.PROPOSAL_APPROVED);
        assertThat(approved.path("decided_by").get(0).path("actor").asText()).isEqualTo(approver);
        assertThat(approved.path("decided_by").get(0).path("channel").asText()).isEqualTo("inbox");
        assertThat(approved.path("decided_by").get(0).path("comment").asText()).isEqualTo("Photos confirm the damage.");
        assertThat(approved.path("parameters").path("amount").asInt()).isEqualTo(42);

        JsonNode denied = awaitEvent(toDeny, EventTypes.PROPOSAL_DENIED);
        assertThat(denied.path("reason").asText()).isEqualTo("Tracking shows it was delivered.");
        assertThat(denied.path("decided_by").get(0).path("channel").asText()).isEqualTo("inbox");

        JsonNode edited = awaitEvent(toEdit, EventTypes.PROPOSAL_APPROVED);
        assertThat(edited.path("parameters").path("amount").asInt()).isEqualTo(660);
        assertThat(edited.path("parameters").path("notify").asBoolean()).isTrue();
        assertThat(edited.path("proposed_parameters").path("amount").asInt()).isEqualTo(990);
        assertThat(edited.path("proposed_parameters").path("notify").asBoolean()).isFalse();
        assertThat(edited.path("decided_by").get(0).path("channel").asText()).isEqualTo("inbox");
    }
}
