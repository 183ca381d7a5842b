package dev.countersign.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets a local run generates once and keeps (owner-only) in its work directory beside the JWT keys, so
 * that what they protect outlives a restart: the registry's master key (signing secrets stored encrypted) and the
 * approval service's links secret (one-time approval links already sent keep working).
 */
final class LocalSecrets {
    /** The registry's master key: {@code local:<base64 of 32 bytes>}. */
    static final String REGISTRY_MASTER_KEY = "registry-master-key";
    /** The key approval links are signed with: base64 of 32 random bytes. */
    static final String APPROVAL_LINKS_SECRET = "approval-links-secret";

    private LocalSecrets() {
    }

    /** The {@code id:base64} entry for {@code COUNTERSIGN_REGISTRY_MASTER_KEYS}, created in {@code dir} if absent. */
    static String registryMasterKeys(Path dir) {
        return readOrCreate(dir.resolve(REGISTRY_MASTER_KEY), "local:");
    }

    /** The value of {@code countersign.approval.links.secret}, created in {@code dir} if absent. */
    static String approvalLinksSecret(Path dir) {
        return readOrCreate(dir.resolve(APPROVAL_LINKS_SECRET), "");
    }

    private static String readOrCreate(Path file, String prefix) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, prefix + Base64.getEncoder().encodeToString(key), StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system; the file still lives only in the local work dir
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local secret " + file, e);
        }
    }
}
