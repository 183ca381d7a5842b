package dev.countersign.kit.messaging;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tenant binding of inbound topics (DESIGN §2). Kafka cannot tell a consumer who produced a record, so the tenant
 * of an inbound record is where it was written: {@code <base>.<tenant>} (write access granted per tenant with
 * prefixed ACLs). A record whose data names another tenant is refused {@code forbidden}. The shared
 * {@code <base>} topic carries no tenant of its own; it is honoured only when configuration trusts it, and then
 * the data's {@code tenant} is taken as given.
 *
 * <p>Consumers subscribe with a pattern ({@link #subscriptionPattern}) so a new tenant's topic is picked up
 * without a restart (within the consumer's {@code metadata.max.age.ms}). Pure: no configuration, no I/O.
 */
public final class TenantTopics {
    /** Tenant names as the registry accepts them, which are also legal in a Kafka topic name. */
    private static final Pattern TENANT = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

    private TenantTopics() {
    }

    /** The tenant's own inbound topic on {@code base}, e.g. {@code countersign.decisions.acme}. */
    public static String topicOf(String base, String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches() || tenant.endsWith(".dlq") || tenant.equals("dlq")) {
            throw new IllegalArgumentException("'" + tenant + "' cannot name a tenant topic");
        }
        return base + "." + tenant;
    }

    /**
     * The regular expression for a pattern subscription to {@code base} and every tenant's topic on it; dead-letter
     * topics ({@code *.dlq}) are never matched, so the consumer never reads its own poison back.
     */
    public static String subscriptionPattern(String base) {
        return base.replace(".", "\\.") + "(\\.(?!dlq$)(?!.*\\.dlq$)[a-zA-Z0-9_.-]{1,128})?";
    }

    /** The tenant a topic belongs to; empty for the shared {@code base} topic; null for a topic not on base. */
    public static Optional<String> tenantOf(String base, String topic) {
        if (topic == null) {
            return null;
        }
        if (topic.equals(base)) {
            return Optional.empty();
        }
        if (!topic.startsWith(base + ".")) {
            return null;
        }
        String tenant = topic.substring(base.length() + 1);
        return TENANT.matcher(tenant).matches() && !tenant.endsWith(".dlq") && !tenant.equals("dlq")
                ? Optional.of(tenant) : null;
    }

    /**
     * Which tenant a record read from {@code topic} acts for.
     *
     * @param dataTenant the {@code tenant} its data names (may be null on a tenant's own topic)
     * @param trustShared whether records on the shared topic are honoured
     */
    public static Binding bind(String base, String topic, String dataTenant, boolean trustShared) {
        Optional<String> fromTopic = tenantOf(base, topic);
        if (fromTopic == null) {
            return new Binding.Untrusted("topic " + topic + " is not an inbound topic of " + base);
        }
        if (fromTopic.isEmpty()) {
            if (!trustShared) {
                return new Binding.Untrusted("the shared topic " + base + " is not trusted here; tenants write to "
                        + base + ".<tenant>");
            }
            return dataTenant == null || dataTenant.isBlank()
                    ? new Binding.Untrusted("a record on the shared topic " + base + " must name its tenant")
                    : new Binding.Bound(dataTenant);
        }
        String tenant = fromTopic.get();
        if (dataTenant != null && !dataTenant.equals(tenant)) {
            return new Binding.Forbidden(tenant, "A record on " + topic + " may act only for tenant " + tenant + ".");
        }
        return new Binding.Bound(tenant);
    }

    /** The outcome of binding a record to a tenant. */
    public sealed interface Binding {
        /** The record acts for {@code tenant}. */
        record Bound(String tenant) implements Binding {
        }

        /**
         * The record names a tenant other than its topic's: refuse it {@code forbidden}, answering {@code tenant}
         * (the topic's own, who wrote it).
         */
        record Forbidden(String tenant, String message) implements Binding {
        }

        /** No tenant can be trusted for the record (an untrusted shared topic): dead-letter it. */
        record Untrusted(String reason) implements Binding {
        }
    }
}
