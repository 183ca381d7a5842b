package dev.countersign.kit.messaging;

import dev.countersign.kit.config.EventsConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates, at start-up, the topic this service owns (compacted when configured) and the dead-letter topics of
 * the topics it reads, when they do not exist yet. Where topics are managed elsewhere (Strimzi
 * {@code KafkaTopic}s) set {@code countersign.events.topics.create=false}.
 */
@ApplicationScoped
public class TopicInitializer {
    private final EventsConfig config;
    private final String bootstrap;

    TopicInitializer(EventsConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.config = config;
        this.bootstrap = bootstrap;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (!config.topics().create()) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        Map<String, String> owned = new HashMap<>();
        if (config.topics().compact()) {
            owned.put("cleanup.policy", "compact");
        }
        topics.add(new NewTopic(config.topics().owned(), config.topics().partitions(), config.topics().replicas())
                .configs(owned));
        for (String dlq : config.topics().deadLetters().orElse(List.of())) {
            topics.add(new NewTopic(dlq, 1, config.topics().replicas()));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                Log.infof("created topics %s", missing.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                Log.warnf("could not create topics (the broker may auto-create them): %s", e.getCause().toString());
            }
        } catch (Exception e) {
            Log.warnf("could not create topics (the broker may auto-create them): %s", e.toString());
        }
    }
}
