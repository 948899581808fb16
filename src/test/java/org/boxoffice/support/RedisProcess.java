package org.boxoffice.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A Redis server of the test's own (the machine's redis-server binary on a free port, nothing kept on disk), so that
 * a test can kill and restart it: a restart loses every key, as after a crash without persistence. Every fault is
 * checked to have happened: the answering server is the process this class started (by its process id), a kill
 * leaves nothing answering on the port, and a key written before a restart is gone after it.
 */
public final class RedisProcess implements AutoCloseable {
    private final int port;
    private Process process;

    private RedisProcess(int port) {
        this.port = port;
    }

    /** A server on a free port; skipped on a laptop without redis-server on the PATH, failed in CI. */
    public static RedisProcess onFreePort() {
        if (!Servers.onPath("redis-server")) {
            Servers.missing("redis-server is not on the PATH (the cluster tests start and kill a Redis of their own)");
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return new RedisProcess(socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public synchronized void start() {
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at once with " + process.exitValue() + " (port " + port + " taken?)");
            }
            Long pid = answeringPid();
            if (pid != null) {
                if (pid != process.pid()) {
                    throw new IllegalStateException("another Redis (pid " + pid + ") answers on port " + port);
                }
                return;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("redis-server did not come up on port " + port);
    }

    /** The process id of whatever Redis answers on the port, or null when none does. */
    private Long answeringPid() {
        RedisClient client = RedisClient.create(url());
        client.setDefaultTimeout(Duration.ofMillis(500));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            for (String line : connection.sync().info("server").split("\r?\n")) {
                if (line.startsWith("process_id:")) {
                    return Long.parseLong(line.substring("process_id:".length()).strip());
                }
            }
            return null;
        } catch (RedisException notAnswering) {
            return null;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** Kills the server at once, as a crash would, and checks that nothing answers any more. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
            if (answeringPid() != null) {
                throw new IllegalStateException("Redis still answers on port " + port + " after the kill");
            }
        }
    }

    /**
     * Kills and starts the server again; checks that the new one is ours and alive, and that a key written just
     * before the kill is gone (not DBSIZE: the nodes write keys again the moment they reconnect).
     */
    public void restartLosingData() {
        String marker = "test:before-restart:" + UUID.randomUUID();
        redis(commands -> commands.set(marker, "1"));
        if (redis(commands -> commands.exists(marker)) != 1) {
            throw new IllegalStateException("the marker key was not written before the restart");
        }
        kill();
        start();
        if (redis(commands -> commands.exists(marker)) != 0) {
            throw new IllegalStateException("the restarted Redis still holds a key written before it was killed: the data was not lost");
        }
    }

    /** One command (or a few) on a connection of its own. */
    public <T> T redis(Function<RedisCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create(url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        kill();
    }
}
