package dev.countersign.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * What an outside client does with Countersign's topics, for tests: publish CloudEvents in binary or
 * structured mode (or any raw record) and watch topics from the beginning.
 */
public final class KafkaTestClient implements AutoCloseable {
    private final String bootstrap;
    private final KafkaProducer<String, String> producer;
    private final List<Watcher> watchers = new ArrayList<>();

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    /** A record as read back, with its headers decoded as UTF-8. */
    public record Received(String topic, String key, Map<String, String> headers, String value) {
        public String header(String name) {
            return headers.get(name);
        }

        public String id() {
            return headers.get("ce_id");
        }

        public String type() {
            return headers.get("ce_type");
        }

        public String subject() {
            return headers.get("ce_subject");
        }

        /** The value parsed as JSON. */
        public JsonNode json() {
            try {
                return Json.mapper().readTree(value);
            } catch (Exception e) {
                throw new IllegalStateException("value is not JSON: " + value, e);
            }
        }
    }

    /** Publishes a binary-mode CloudEvent ({@code ce_*} headers, JSON data as the value). */
    public void sendBinary(String topic, String key, String id, String type, String source, String subject,
            Object data) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id);
        headers.put("ce_type", type);
        headers.put("ce_source", source);
        headers.put("content-type", "application/json");
        if (subject != null) {
            headers.put("ce_subject", subject);
        }
        sendRaw(topic, key, toJson(data), headers);
    }

    /** Publishes a structured-mode CloudEvent ({@code application/cloudevents+json} envelope). */
    public void sendStructured(String topic, String key, String id, String type, String source, Object data) {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("specversion", "1.0");
        envelope.put("id", id);
        envelope.put("type", type);
        envelope.put("source", source);
        envelope.put("datacontenttype", "application/json");
        envelope.put("data", data);
        sendRaw(topic, key, toJson(envelope), Map.of("content-type", "application/cloudevents+json"));
    }

    /** Publishes any record, e.g. a poison message. */
    public void sendRaw(String topic, String key, String value, Map<String, String> headers) {
        var record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Starts watching {@code topic} from its beginning; returns the live list of what arrived. */
    public synchronized List<Received> watch(String topic) {
        Watcher watcher = new Watcher(topic);
        watchers.add(watcher);
        watcher.thread.start();
        return watcher.received;
    }

    /** Waits until a record matching {@code match} is in {@code received} and returns it. */
    public static Received await(List<Received> received, Predicate<Received> match, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> received.stream().filter(match).findFirst().orElse(null), r -> r != null);
    }

    private static String toJson(Object data) {
        try {
            return data instanceof String s ? s : Json.mapper().writeValueAsString(data);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public synchronized void close() {
        watchers.forEach(Watcher::stop);
        producer.close(Duration.ofSeconds(5));
    }

    private final class Watcher {
        final List<Received> received = new CopyOnWriteArrayList<>();
        final KafkaConsumer<String, String> consumer;
        final Thread thread;
        volatile boolean running = true;

        Watcher(String topic) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-watcher-" + UUID.randomUUID());
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(p);
            consumer.subscribe(List.of(topic));
            thread = new Thread(this::run, "watch-" + topic);
            thread.setDaemon(true);
        }

        void run() {
            try {
                while (running) {
                    for (var r : consumer.poll(Duration.ofMillis(100))) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header h : r.headers()) {
                            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                        }
                        received.add(new Received(r.topic(), r.key(), headers, r.value()));
                    }
                }
            } catch (WakeupException ignored) {
                // stopping
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        void stop() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
