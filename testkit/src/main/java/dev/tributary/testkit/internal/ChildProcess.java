package dev.tributary.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer server running as a child process: output goes to a log file (shown in failures), the process is
 * destroyed on {@link #close()} and, as a safety net, when the JVM exits.
 */
public final class ChildProcess implements RunningPeer {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::destroy, "tributary-testkit-stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} and waits until {@code ready} holds.
     *
     * @throws IllegalStateException with the log's tail when the process exits or is not ready in time
     */
    public static ChildProcess start(
            String name, List<String> command, Map<String, String> env, Path workDir, Duration timeout,
            BooleanSupplier ready) {
        try {
            Files.createDirectories(workDir);
            Path log = Files.createTempFile(workDir, name + "-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            LOG.debug("Starting peer [name={}, log={}]", name, log);
            ChildProcess child = new ChildProcess(name, pb.start(), log);
            if (!Ports.await(ready, timeout, child.process::isAlive)) {
                String tail = child.logTail();
                child.close();
                throw new IllegalStateException(name + " did not become ready within " + timeout
                        + " (exit code " + (child.process.isAlive() ? "none, still running" : child.process.exitValue())
                        + "). Its log " + log + " ends with:\n" + tail);
            }
            LOG.debug("Peer ready [name={}]", name);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Returns the last lines of the process's output. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Returns whether the process is still running. */
    public boolean alive() {
        return process.isAlive();
    }

    private void destroy() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and the hook is running or has run: nothing left to do.
        }
    }

    @Override
    public String toString() {
        return "ChildProcess[" + name + ", pid=" + process.pid() + "]";
    }
}
