package dev.countersign.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Both CloudEvents content modes are read, and every defect is a poison message with a reason. */
class CloudEventReaderTest {

    static Headers headers(Map<String, String> values) {
        var headers = new RecordHeaders();
        values.forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    static Headers binary() {
        return headers(Map.of("ce_specversion", "1.0", "ce_id", "p-1", "ce_type", "dev.countersign.proposal.submitted",
                "ce_source", "/bot", "ce_subject", "s-1", "ce_time", "2026-11-22T10:30:00Z",
                "content-type", "application/json"));
    }

    @Example
    void readsBinaryMode() {
        var event = CloudEventReader.read("t", "k", binary(), "{\"tenant\": \"acme\"}");
        assertThat(event.id()).isEqualTo("p-1");
        assertThat(event.type()).isEqualTo("dev.countersign.proposal.submitted");
        assertThat(event.source()).isEqualTo("/bot");
        assertThat(event.subject()).isEqualTo("s-1");
        assertThat(event.time()).isNotNull();
        assertThat(event.key()).isEqualTo("k");
        assertThat(event.text("tenant")).isEqualTo("acme");
    }

    @Example
    void readsStructuredModeWithObjectOrStringData() {
        String envelope = "{\"specversion\": \"1.0\", \"id\": \"p-2\", \"type\": \"x\", \"source\": \"/bot\", "
                + "\"datacontenttype\": \"application/json\", \"data\": {\"tenant\": \"acme\"}}";
        var structured = headers(Map.of("content-type", "application/cloudevents+json; charset=UTF-8"));
        assertThat(CloudEventReader.read("t", null, structured, envelope).text("tenant")).isEqualTo("acme");

        String stringData = "{\"specversion\": \"1.0\", \"id\": \"p-3\", \"type\": \"x\", \"source\": \"/bot\", "
                + "\"data\": \"{\\\"tenant\\\": \\\"globex\\\"}\"}";
        assertThat(CloudEventReader.read("t", null, structured, stringData).text("tenant")).isEqualTo("globex");
    }

    @Example
    void aRecordWithoutCloudEventMarkersIsPoison() {
        assertThatThrownBy(() -> CloudEventReader.read("t", null, headers(Map.of()), "{}"))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("not a CloudEvent");
    }

    @Example
    void missingAttributesAreNamed() {
        var noId = headers(Map.of("ce_specversion", "1.0", "ce_type", "x", "ce_source", "/s"));
        assertThatThrownBy(() -> CloudEventReader.read("t", null, noId, "{}"))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("'id'");
        var badVersion = headers(Map.of("ce_specversion", "0.3", "ce_id", "1", "ce_type", "x", "ce_source", "/s"));
        assertThatThrownBy(() -> CloudEventReader.read("t", null, badVersion, "{}"))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("specversion");
    }

    @Example
    void nonObjectDataIsPoison() {
        assertThatThrownBy(() -> CloudEventReader.read("t", null, binary(), "[1, 2]"))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("JSON object");
        var xml = headers(Map.of("ce_specversion", "1.0", "ce_id", "1", "ce_type", "x", "ce_source", "/s",
                "content-type", "application/xml"));
        assertThatThrownBy(() -> CloudEventReader.read("t", null, xml, "<a/>"))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("JSON");
    }

    @Property
    void anyGarbageValueIsPoisonNeverAnotherException(@ForAll String value) {
        var structured = headers(Map.of("content-type", "application/cloudevents+json"));
        for (Headers h : new Headers[] {binary(), structured}) {
            try {
                CloudEventReader.read("t", null, h, value);
            } catch (PoisonMessageException expected) {
                // fine: dead-lettered with a reason
            }
        }
    }
}
