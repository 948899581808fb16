package org.boxoffice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.boxoffice.BoxofficeApplication;

/**
 * A Boxoffice node as a process of its own (a JVM started from the test classpath, with its own heap limit), for
 * what a node inside the test JVM cannot show: running out of memory, being killed, being paused.
 */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;

    private NodeProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts a node with {@code jvmOptions} (heap size, say) and {@code settings} (Spring properties), and waits until it is ready. */
    public static NodeProcess start(List<String> jvmOptions, Map<String, String> settings, Duration startTimeout) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-nodes")).toAbsolutePath(), "node-");
            int port = Servers.freePort();
            int managementPort = Servers.freePort();
            Map<String, String> all = new LinkedHashMap<>();
            all.put("server.port", String.valueOf(port));
            all.put("management.server.port", String.valueOf(managementPort));
            all.put("boxoffice.data-dir", dir.resolve("data").toString());
            all.put("spring.main.banner-mode", "off");
            all.putAll(settings);
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
            command.add(BoxofficeApplication.class.getName());
            all.forEach((key, value) -> command.add("--" + key + "=" + value));
            Path log = dir.resolve("node.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            NodeProcess node = new NodeProcess(process, log, port, managementPort);
            node.awaitReady(startTimeout);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ApiClient probe = new ApiClient(port);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            try {
                if (probe.get("/readyz", null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // starting
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS); // returns at once should the node die
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("node not ready within " + timeout + ":\n" + tail());
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public ApiClient api() {
        return new ApiClient(port);
    }

    /** SIGKILL: the process dies at once, no shutdown hook runs; checked to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + pid() + " still runs after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (process.exitValue() != 137) {
            throw new IllegalStateException("node exited with " + process.exitValue() + ", not killed by SIGKILL (137)");
        }
    }

    /** SIGSTOP: the process stops where it is, every thread, until {@link #resume}; checked in /proc. */
    public void pause() {
        signal("STOP");
        // the kernel stops the threads asynchronously: give it a moment, but a process that never stops fails the test
        Awaitility.await("node " + pid() + " stopped (state T) after SIGSTOP").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10)).until(() -> state().equals("T"));
    }

    public void resume() {
        signal("CONT");
    }

    /** The process state letter Linux reports (R running, S sleeping, T stopped). */
    private String state() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the node has logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        String all = log();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    /** The sum of a Prometheus series (all tag combinations that start with {@code prefix}). */
    public double metric(String prefix) {
        String scrape = new ApiClient(managementPort).get("/actuator/prometheus", null).raw().body();
        return scrape.lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            signal("CONT"); // a paused node cannot shut down
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
