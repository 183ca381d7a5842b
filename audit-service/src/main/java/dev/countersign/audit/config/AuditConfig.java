package dev.countersign.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the audit log's readers: how many rows one round of verify or export reads. */
@ConfigMapping(prefix = "countersign.audit")
public interface AuditConfig {

    /** Rows read and hashed per round of {@code GET /v1/audit/verify} and per page of an export. */
    @WithDefault("1000")
    int batchSize();
}
