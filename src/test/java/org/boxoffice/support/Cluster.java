package org.boxoffice.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.boxoffice.BoxofficeApplication;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several Boxoffice nodes in one JVM (separate Spring contexts on their own ports) sharing one PostgreSQL
 * schema and one Redis, exactly as separate processes behind a load balancer would.
 */
public final class Cluster implements AutoCloseable {
    private final String schema = "bo_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String redisUrl;
    private final List<Node> nodes = new ArrayList<>();
    private final List<NodeProcess> processes = new ArrayList<>();
    private final Path paymentCalls = tempDir().resolve("payment-calls.log");

    public record Node(ConfigurableApplicationContext context, ApiClient api, int port) {
        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        public void stop() {
            context.close();
        }
    }

    public Cluster(String redisUrl) {
        PostgresIntegrationTest.requireServer();
        this.redisUrl = redisUrl;
    }

    /** A cluster of {@code count} nodes in this JVM, all started, on PostgreSQL and the Redis at {@code redisUrl} ("" for none). */
    public static Cluster started(String redisUrl, int count) {
        Cluster cluster = new Cluster(redisUrl);
        for (int i = 0; i < count; i++) {
            cluster.start(Map.of());
        }
        return cluster;
    }

    /** The cluster's database, through the first node. */
    public JdbcClient jdbc() {
        return node(0).bean(JdbcClient.class);
    }

    /** Venues, events and purchases made through the first node's API. */
    public Fixtures fixtures() {
        return new Fixtures(node(0).api(), java.time.Instant::now);
    }

    /** What every node of the cluster is told, in this JVM or in a process of its own. */
    private Map<String, Object> settings(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("management.server.port", 0);
        properties.put("spring.datasource.url", PostgresIntegrationTest.URL + "?currentSchema=" + schema);
        properties.put("spring.datasource.username", PostgresIntegrationTest.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.datasource.hikari.maximum-pool-size", 10);
        properties.put("spring.datasource.hikari.leak-detection-threshold", 5000);
        properties.put("spring.flyway.schemas", schema);
        properties.put("boxoffice.redis.url", redisUrl);
        properties.put("boxoffice.data-dir", tempDir().toString());
        properties.put("boxoffice.demo-data", "false");
        properties.put("boxoffice.jwt.trusted.issuer", TestTokens.ISSUER);
        properties.put("boxoffice.jwt.trusted.public-key", TestTokens.publicKeyPem());
        properties.put("boxoffice.payment.slow-delay", "300ms");
        properties.put("boxoffice.test.payment-call-log", paymentCalls.toString());
        properties.put("boxoffice.ordering.recovery-interval", "500ms");
        properties.put("boxoffice.ordering.recovery-after", "5s");
        properties.put("boxoffice.ordering.refund-claim", "5s");
        properties.put("boxoffice.inventory.sweep-interval", "1s");
        properties.put("boxoffice.ratelimit.per-ip", 100000);
        properties.put("boxoffice.http.max-in-flight-per-address", 1000);
        properties.put("boxoffice.ratelimit.per-user", 20);
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.boxoffice", "INFO");
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(overrides);
        return properties;
    }

    /** Starts a node in this JVM; {@code overrides} change its settings. */
    public Node start(Map<String, Object> overrides) {
        // as command-line arguments, which outrank application.yml (builder properties would not)
        String[] args = settings(overrides).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BoxofficeApplication.class).run(args);
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        Node node = new Node(context, new ApiClient(port), port);
        nodes.add(node);
        return node;
    }

    /** Starts a node as a process of its own, for faults only a process can have: killed, paused. */
    public NodeProcess startProcess(Map<String, Object> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings(overrides).forEach((key, value) -> settings.put(key, String.valueOf(value)));
        settings.remove("server.port"); // the process picks free ports of its own
        settings.remove("management.server.port");
        NodeProcess node = NodeProcess.start(List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError"), settings, Duration.ofSeconds(90));
        processes.add(node);
        return node;
    }

    /** Every charge and refund call any node made, in the order made (see {@link TestPayments}). */
    public Path paymentCalls() {
        return paymentCalls;
    }

    public List<ApiClient> apis() {
        return nodes.stream().filter(n -> n.context().isActive()).map(Node::api).toList();
    }

    public Node node(int index) {
        return nodes.get(index);
    }

    @Override
    public void close() {
        processes.forEach(NodeProcess::close);
        nodes.forEach(node -> {
            if (node.context().isActive()) {
                node.stop();
            }
        });
        try (Connection connection = DriverManager.getConnection(PostgresIntegrationTest.URL, PostgresIntegrationTest.USER, "")) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop " + schema + ": " + e.getMessage());
        }
    }

    /** Each node's pool may still hold connections the fault killed; every failing query retires one. */
    public void awaitDatabaseOnEveryNode() {
        for (Node node : nodes) {
            if (!node.context().isActive()) {
                continue;
            }
            JdbcClient jdbc = node.bean(JdbcClient.class);
            Awaitility.await("the database answers the node on port " + node.port()).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(DataAccessException.class)
                    .until(() -> jdbc.sql("SELECT 1").query(Integer.class).single() == 1);
        }
    }

    private static Path tempDir() {
        try {
            Path base = Path.of("target", "test-data");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), "node-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
