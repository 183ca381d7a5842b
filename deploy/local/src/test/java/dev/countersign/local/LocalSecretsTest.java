package dev.countersign.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {
    @TempDir
    Path dir;

    @Test
    void theRegistryMasterKeyIsA256BitKeyCreatedOnceAndKeptOwnerOnly() throws Exception {
        String entry = LocalSecrets.registryMasterKeys(dir);

        String[] parts = entry.split(":", 2);
        assertThat(parts[0]).isEqualTo("local");
        assertThat(Base64.getDecoder().decode(parts[1])).hasSize(32);
        // secrets the registry encrypted in an earlier run must stay readable
        assertThat(LocalSecrets.registryMasterKeys(dir)).isEqualTo(entry);
        assertThat(Files.getPosixFilePermissions(dir.resolve(LocalSecrets.REGISTRY_MASTER_KEY)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theLinksSecretIsRandomPerWorkDirKeptAcrossRestartsAndOwnerOnly() throws Exception {
        String secret = LocalSecrets.approvalLinksSecret(dir);

        assertThat(Base64.getDecoder().decode(secret)).hasSize(32);
        // links already sent must keep working after a restart
        assertThat(LocalSecrets.approvalLinksSecret(dir)).isEqualTo(secret);
        assertThat(Files.getPosixFilePermissions(dir.resolve(LocalSecrets.APPROVAL_LINKS_SECRET)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        // another local run (another work dir) signs its links with a key of its own
        assertThat(LocalSecrets.approvalLinksSecret(dir.resolve("other"))).isNotEqualTo(secret);
        assertThat(LocalSecrets.registryMasterKeys(dir)).doesNotContain(secret);
    }
}
