package dev.countersign.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.Json;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three export formats, each checked against its API's published shape. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_registry_test"))
class ToolsResourceTest {
    static final String ASSISTANT = "tools-" + UUID.randomUUID().toString().substring(0, 8);

    static boolean defined;

    // Not @BeforeAll: REST Assured learns the random test port only once the app is up, per test.
    @BeforeEach
    void define() {
        if (defined) {
            return;
        }
        defined = true;
        create("check_order", "auto", "[{\"name\": \"order_number\", \"type\": \"string\", \"required\": true, "
                + "\"pattern\": \"^ORD-[0-9]+$\", \"description\": \"Order number\"}, "
                + "{\"name\": \"email\", \"type\": \"email\"}, "
                + "{\"name\": \"priority\", \"type\": \"enum\", \"values\": [\"low\", \"high\"]}]");
        create("refund_order", "require_approval", "[{\"name\": \"amount\", \"type\": \"number\", \"required\": true, "
                + "\"min\": 0, \"max\": 500}]");
        create("old_action", "auto", "[]");
        given().auth().oauth2(TestJwt.admin("acme")).delete("/v1/actions/acme/" + ASSISTANT + "/old_action")
                .then().statusCode(204);
    }

    static void create(String name, String mode, String parameters) {
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"assistant": "%s", "name": "%s", "display_name": "Title of %s",
             "description": "Use this when the customer asks about %s; it needs the listed parameters.",
             "parameters": %s, "approval": {"mode": "%s"},
             "execution": {"kind": "webhook", "url": "https://hooks.example.com/x"}}
            """.formatted(ASSISTANT, name, name, name, parameters, mode)).post("/v1/actions").then().statusCode(201);
    }

    static JsonNode export(String format) throws Exception {
        String body = given().auth().oauth2(TestJwt.member("acme"))
                .get("/v1/tools/acme/" + ASSISTANT + "?format=" + format).then().statusCode(200).extract().asString();
        return Json.mapper().readTree(body).get("tools");
    }

    static JsonNode byName(JsonNode tools, String name, String... path) {
        for (JsonNode tool : tools) {
            JsonNode n = tool;
            for (String p : path) {
                n = n.get(p);
            }
            if (n.asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + " in " + tools);
    }

    /** OpenAI strict mode: every object closed, every property required, optional ones nullable. */
    static void assertStrict(JsonNode schema, Set<String> optional) {
        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        Set<String> names = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(names::add);
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(r -> required.add(r.asText()));
        assertThat(required).isEqualTo(names);
        for (String name : names) {
            JsonNode property = schema.get("properties").get(name);
            boolean nullable = (property.has("type") && property.get("type").toString().contains("\"null\""))
                    || (property.has("enum") && property.get("enum").toString().contains("null"));
            assertThat(nullable).as(name + " nullable").isEqualTo(optional.contains(name));
            assertThat(property.has("allOf")).isFalse();
            assertThat(property.has("minLength")).isFalse();
        }
        assertThat(schema.has("$schema")).isFalse();
    }

    @Test
    void openAiToolsAreStrictFunctions() throws Exception {
        JsonNode tools = export("openai");
        assertThat(tools).hasSize(2);
        JsonNode check = byName(tools, "check_order", "function", "name");
        assertThat(check.get("type").asText()).isEqualTo("function");
        assertThat(check.get("function").get("strict").asBoolean()).isTrue();
        assertThat(check.get("function").get("description").asText()).startsWith("Use this when");
        assertStrict(check.get("function").get("parameters"), Set.of("email", "priority"));
        assertThat(check.at("/function/parameters/properties/order_number/pattern").asText()).isEqualTo("^ORD-[0-9]+$");
        assertStrict(byName(tools, "refund_order", "function", "name").get("function").get("parameters"), Set.of());
    }

    @Test
    void anthropicToolsHaveNameDescriptionAndInputSchema() throws Exception {
        JsonNode tools = export("anthropic");
        assertThat(tools).hasSize(2);
        JsonNode check = byName(tools, "check_order", "name");
        assertThat(check.fieldNames()).toIterable().containsExactlyInAnyOrder("name", "description", "input_schema");
        assertThat(check.at("/input_schema/type").asText()).isEqualTo("object");
        assertThat(check.at("/input_schema/required/0").asText()).isEqualTo("order_number");
    }

    @Test
    void mcpToolsCarryTitleSchemaAndAnnotations() throws Exception {
        JsonNode tools = export("mcp");
        JsonNode check = byName(tools, "check_order", "name");
        assertThat(check.get("title").asText()).isEqualTo("Title of check_order");
        assertThat(check.at("/inputSchema/type").asText()).isEqualTo("object");
        assertThat(check.at("/annotations/destructiveHint").asBoolean()).isFalse();
        assertThat(check.at("/annotations/readOnlyHint").isBoolean()).isTrue();
        JsonNode refund = byName(tools, "refund_order", "name");
        assertThat(refund.at("/annotations/destructiveHint").asBoolean()).isTrue();
    }

    @Test
    void retiredActionsAreNotExportedAndOtherTenantsSeeNothing() throws Exception {
        for (String format : new String[] {"openai", "anthropic", "mcp"}) {
            assertThat(export(format).toString()).doesNotContain("old_action");
        }
        given().auth().oauth2(TestJwt.member("globex")).get("/v1/tools/acme/" + ASSISTANT + "?format=mcp")
                .then().statusCode(404);
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/tools/acme/" + ASSISTANT + "?format=gemini")
                .then().statusCode(400);
    }
}
