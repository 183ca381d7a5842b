package dev.countersign.e2e;

import static dev.countersign.e2e.Steps.ASSISTANT;
import static dev.countersign.e2e.Steps.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import dev.countersign.local.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry's secrets endpoint, health and metrics are served on its internal listener only: the public port
 * (what an ingress exposes) answers 404 for them, the internal one (where the executor is pointed) answers.
 */
@ExtendWith(E2eStack.class)
class InternalListenerIT {

    @Test
    void theSecretsEndpointIsOnTheInternalListenerOnly() {
        String action = Steps.uniqueAction();
        String secret = Steps.defineWebhookAction(action, "http://127.0.0.1:9/hooks/" + action);
        String path = "/internal/v1/actions/" + TENANT + "/" + ASSISTANT + "/" + action + "/versions/1";
        var stack = Steps.stack();
        assertThat(stack.internalUrl(Service.ACTION_REGISTRY)).isNotEqualTo(stack.url(Service.ACTION_REGISTRY));

        String publicAnswer = given().baseUri(stack.url(Service.ACTION_REGISTRY)).auth().oauth2(stack.tokens().service())
                .get(path).then().statusCode(404).extract().asString();
        assertThat(publicAnswer).doesNotContain(secret);
        given().baseUri(stack.url(Service.ACTION_REGISTRY)).get("/q/health/ready").then().statusCode(404);

        given().baseUri(stack.internalUrl(Service.ACTION_REGISTRY)).auth().oauth2(stack.tokens().service())
                .get(path).then().statusCode(200).header("Cache-Control", "no-store")
                .body("signing_secrets", hasItem(secret));
        given().baseUri(stack.internalUrl(Service.ACTION_REGISTRY)).get("/q/health/ready").then().statusCode(200);
    }
}
