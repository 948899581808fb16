package org.boxoffice.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * Redis servers of the test's own, the machine's redis-server binary on free ports, nothing kept on disk: a Redis
 * Cluster (primaries with one replica each, {@code redis-cli --cluster create}) or a primary with a replica watched by
 * three sentinels, so that a test can kill the primary and watch the failover. Each fault is checked to have happened:
 * a killed server no longer answers, a promoted replica says it is the primary.
 */
public final class RedisNodes implements AutoCloseable {
    public static final String PRIMARY_NAME = "boxoffice";
    /** How long a cluster node or a sentinel waits for a silent primary before the failover starts. */
    private static final int DOWN_AFTER_MS = 1000;

    private final Path dir;
    private final List<Server> servers = new ArrayList<>();
    private final List<Server> sentinels = new ArrayList<>();

    /** One redis-server (or sentinel) process on its port. */
    public static final class Server {
        private final int port;
        private Process process;

        private Server(int port) {
            this.port = port;
        }

        public int port() {
            return port;
        }

        public boolean alive() {
            return process != null && process.isAlive();
        }

        public <T> T redis(Function<RedisCommands<String, String>, T> command) {
            RedisClient client = RedisClient.create(RedisURI.Builder.redis("127.0.0.1", port).withTimeout(Duration.ofSeconds(2)).build());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                return command.apply(connection.sync());
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        }

        /** The server's role: master, slave or sentinel. */
        public String role() {
            return (String) redis(RedisCommands::role).getFirst();
        }

        private boolean answers() {
            try {
                return "PONG".equals(redis(RedisCommands::ping));
            } catch (RedisException notYet) {
                return false;
            }
        }

        /** Kills the process at once, as a crash would, and checks that nothing answers on its port any more. */
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (answers()) {
                throw new IllegalStateException("Redis still answers on port " + port + " after the kill");
            }
        }
    }

    private RedisNodes() {
        if (!Servers.onPath("redis-server") || !Servers.onPath("redis-cli")) {
            Servers.missing("redis-server and redis-cli are not on the PATH (the Redis Cluster and Sentinel tests start their own)");
        }
        try {
            Path base = Path.of("target", "redis-nodes").toAbsolutePath();
            Files.createDirectories(base);
            this.dir = Files.createTempDirectory(base, "nodes-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Redis Cluster of {@code primaries} primaries with one replica each, every slot covered, state ok on every node. */
    public static RedisNodes cluster(int primaries) {
        RedisNodes nodes = new RedisNodes();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < primaries * 2; i++) {
            int port = Servers.freePort();
            nodes.servers.add(nodes.start(port, List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", String.valueOf(DOWN_AFTER_MS), "--cluster-replica-validity-factor", "0")));
            addresses.add("127.0.0.1:" + port);
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        create.addAll(addresses);
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        nodes.run(create);
        nodes.await("every cluster node says the cluster is ok and knows its " + primaries * 2 + " nodes", Duration.ofSeconds(30),
                () -> nodes.servers.stream().allMatch(s -> s.redis(c -> c.clusterInfo()).contains("cluster_state:ok")
                        && s.redis(c -> c.clusterNodes()).lines().filter(l -> l.contains("connected")).count() == primaries * 2L)
                        && nodes.servers.stream().filter(s -> s.role().equals("slave")).count() == primaries);
        return nodes;
    }

    private static RedisNodes shared;

    /**
     * One three-primary cluster for the whole test run, for the contract suites (which never kill a node); stopped when
     * the JVM ends.
     */
    public static synchronized RedisNodes sharedCluster() {
        if (shared == null) {
            shared = cluster(3);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A primary and a replica, watched by three sentinels (two must agree the primary is down). */
    public static RedisNodes sentinel() {
        RedisNodes nodes = new RedisNodes();
        Server primary = nodes.start(Servers.freePort(), List.of());
        nodes.servers.add(primary);
        nodes.servers.add(nodes.start(Servers.freePort(), List.of("--replicaof", "127.0.0.1", String.valueOf(primary.port()))));
        for (int i = 0; i < 3; i++) {
            int port = Servers.freePort();
            Path config = nodes.dir.resolve("sentinel-" + port + ".conf");
            try {
                Files.writeString(config, """
                        port %d
                        bind 127.0.0.1
                        sentinel monitor %s 127.0.0.1 %d 2
                        sentinel down-after-milliseconds %s %d
                        sentinel failover-timeout %s 10000
                        """.formatted(port, PRIMARY_NAME, primary.port(), PRIMARY_NAME, DOWN_AFTER_MS, PRIMARY_NAME));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            nodes.sentinels.add(nodes.startProcess(port, List.of("redis-server", config.toString(), "--sentinel")));
        }
        nodes.await("the replica is in sync and every sentinel sees it and the other sentinels", Duration.ofSeconds(30),
                () -> nodes.servers.get(1).redis(c -> c.info("replication")).contains("master_link_status:up")
                        && nodes.sentinels.stream().allMatch(s -> s.redis(c -> c.info("sentinel")).contains("slaves=1,sentinels=3")));
        return nodes;
    }

    public String clusterUrl() {
        return "redis-cluster://" + String.join(",", servers.stream().limit(3).map(s -> "127.0.0.1:" + s.port()).toList());
    }

    public String sentinelUrl() {
        return "redis-sentinel://" + String.join(",", sentinels.stream().map(s -> "127.0.0.1:" + s.port()).toList()) + "/" + PRIMARY_NAME;
    }

    public List<Server> servers() {
        return List.copyOf(servers);
    }

    /** The live server that is the primary right now (of the cluster slot of {@code key}, on a cluster). */
    public Server primaryFor(String key) {
        int slot = SlotHash.getSlot(key);
        for (Server server : servers) {
            if (!server.alive() || !server.role().equals("master")) {
                continue;
            }
            if (sentinels.isEmpty()) {
                String self = server.redis(c -> c.clusterNodes()).lines().filter(l -> l.contains("myself")).findFirst().orElseThrow();
                if (servesSlot(self, slot)) {
                    return server;
                }
            } else {
                return server;
            }
        }
        throw new IllegalStateException("no live primary serves slot " + slot);
    }

    /** Whether a live replica follows this primary. */
    public boolean hasReplica(Server primary) {
        return servers.stream().anyMatch(server -> follows(server, primary));
    }

    private static boolean follows(Server server, Server primary) {
        return server.alive() && server != primary && server.role().equals("slave")
                && server.redis(c -> c.info("replication")).contains("master_port:" + primary.port());
    }

    /** The replica of this primary. */
    public Server replicaOf(Server primary) {
        for (Server server : servers) {
            if (follows(server, primary)) {
                return server;
            }
        }
        throw new IllegalStateException("no replica follows the primary on port " + primary.port());
    }

    public void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(RedisException.class).until(condition::getAsBoolean);
    }

    private static boolean servesSlot(String nodeLine, int slot) {
        String[] fields = nodeLine.split(" ");
        for (int i = 8; i < fields.length; i++) {
            String range = fields[i];
            if (range.startsWith("[")) {
                continue;
            }
            String[] bounds = range.split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    private Server start(int port, List<String> extra) {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(extra);
        return startProcess(port, command);
    }

    private Server startProcess(int port, List<String> command) {
        Server server = new Server(port);
        try {
            server.process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
        await("Redis answers on port " + port, Duration.ofSeconds(10), () -> {
            if (!server.process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with " + server.process.exitValue());
            }
            return server.answers();
        });
        return server;
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Server server : servers) {
            if (server.process != null) {
                server.process.destroyForcibly();
            }
        }
        for (Server sentinel : sentinels) {
            sentinel.process.destroyForcibly();
        }
    }
}
