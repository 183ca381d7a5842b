package dev.countersign.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the local run (the broker or a service) with its output in a log file and its pid in a file,
 * so a later run can clean up after a run that was killed before it could stop its children.
 */
final class ChildProcess {
    private static final String SETSID = findOnPath("setsid");

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path logFile;
    private final Path pidFile;
    private volatile Process process;

    ChildProcess(String name, List<String> command, Map<String, String> env, Path logFile, Path pidFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** Starts the process; {@code append} keeps what earlier incarnations wrote to the log. */
    synchronized Process start(boolean append) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        Files.createDirectories(logFile.getParent());
        Files.createDirectories(pidFile.getParent());
        if (append) {
            Files.writeString(logFile, "\n----- countersign-local: starting " + name + " again -----\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        List<String> cmd = new ArrayList<>();
        if (SETSID != null) {
            // its own process group: Ctrl-C in the terminal reaches only the launcher, whose shutdown hook then
            // stops the services before the broker and the database they need (setsid execs, keeping the pid)
            cmd.add(SETSID);
        }
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(append ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                : ProcessBuilder.Redirect.to(logFile.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        process = pb.start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        return process;
    }

    Process process() {
        return process;
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    /** Asks the process to stop (SIGTERM) without waiting. */
    void requestStop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
        }
    }

    /** Waits up to {@code grace} for a requested stop, then kills the process (SIGKILL). */
    void awaitStop(Duration grace) {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.println("countersign-local: " + name + " did not stop within " + grace.toSeconds()
                        + " s; killing it");
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deletePidFile();
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    void stop(Duration grace) {
        requestStop();
        awaitStop(grace);
    }

    /** SIGKILL now, as a crash would: nothing in the process gets to run. */
    void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deletePidFile();
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the process's command line before it is used
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Kills a process left behind by an earlier run that died without stopping it, recognised by its pid file
     * and a command line that still contains {@code marker} (so a recycled pid is never touched).
     */
    static void killLeftover(Path pidFile, String marker) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(h -> {
                String commandLine = h.info().commandLine().orElse("");
                if (commandLine.contains(marker)) {
                    System.err.println("countersign-local: stopping process " + pid + " left over from an earlier run ("
                            + pidFile.getFileName() + ")");
                    h.destroy();
                    try {
                        h.onExit().get(15, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                }
            });
            // the file itself stays: ours are overwritten at the next start, PostgreSQL removes its own
        } catch (IOException | RuntimeException e) {
            // unreadable pid file: nothing we can safely do with it
        }
    }

    static List<String> javaCommand(List<String> jvmArgs, List<String> rest) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(rest);
        return cmd;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null || System.getProperty("os.name").startsWith("Windows")) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
