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
 * The registry's master key for encrypting signing secrets at rest in a local run: generated once and kept
 * (owner-only) beside the JWT keys, so secrets stored in the local database stay readable across restarts.
 */
final class LocalMasterKey {
    static final String FILE = "registry-master-key";

    private LocalMasterKey() {
    }

    /** The {@code id:base64} entry for {@code COUNTERSIGN_REGISTRY_MASTER_KEYS}, created in {@code dir} if absent. */
    static String entry(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(dir);
                Files.writeString(file, "local:" + Base64.getEncoder().encodeToString(key), StandardCharsets.UTF_8);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system; the file still lives only in the local work dir
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local registry master key in " + dir, e);
        }
    }
}
