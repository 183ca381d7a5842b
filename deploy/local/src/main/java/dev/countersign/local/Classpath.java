package dev.countersign.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * The class path of this JVM as a child JVM needs it. {@code java -jar} and Surefire's manifest-only jar put a
 * single jar on {@code java.class.path} whose manifest {@code Class-Path} names the real entries; those are
 * expanded here so the Kafka JVM gets the broker's classes.
 */
final class Classpath {
    private Classpath() {
    }

    /** The current JVM's effective class path, manifest entries expanded. */
    static String current() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                addWithManifest(Path.of(entry).toAbsolutePath(), entries);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void addWithManifest(Path entry, Set<String> entries) {
        if (!entries.add(entry.toString()) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            var manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            for (String ref : classPath.trim().split("\\s+")) {
                if (ref.isEmpty()) {
                    continue;
                }
                // manifest entries are URLs relative to the jar (Surefire writes absolute file: URLs)
                URI uri = entry.getParent().toUri().resolve(ref);
                addWithManifest(Path.of(uri), entries);
            }
        } catch (IOException | IllegalArgumentException e) {
            // an unreadable jar contributes only itself
        }
    }
}
