package dev.countersign.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMasterKeyTest {
    @TempDir
    Path dir;

    @Test
    void isA256BitKeyCreatedOnceAndKeptOwnerOnly() throws Exception {
        String entry = LocalMasterKey.entry(dir);

        String[] parts = entry.split(":", 2);
        assertThat(parts[0]).isEqualTo("local");
        assertThat(Base64.getDecoder().decode(parts[1])).hasSize(32);
        // secrets the registry encrypted in an earlier run must stay readable
        assertThat(LocalMasterKey.entry(dir)).isEqualTo(entry);
        assertThat(Files.getPosixFilePermissions(dir.resolve(LocalMasterKey.FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
