package org.boxoffice.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flash-sale scenario, small: a few hundred users against a node started from the service's jar, so that the load
 * test never rots. It must finish without failed requests, sell seats, write its reports and find the invariants
 * holding in the node's database. Once against an embedded node, once against a distributed node (PostgreSQL and a
 * Redis of the test's own) running the build's ahead-of-time code, the way fast-starting nodes run in production.
 * Runs inside the service's `./mvnw verify`, which passes the jar.
 */
class FlashSaleSmokeTests {
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final boolean CI = "true".equals(System.getenv("CI"));

    @TempDir
    Path work;
    private String jar;
    private Path keys;

    @BeforeEach
    void jarAndKeys() throws Exception {
        jar = System.getProperty("app.jar", "");
        if (jar.isBlank()) {
            assertThat(CI).as("CI=true but no -Dapp.jar to run the smoke test against").isFalse();
            Assumptions.abort("no -Dapp.jar given: run it through the service's ./mvnw verify");
        }
        assertThat(Path.of(jar)).as("the service's jar").exists();
        keys = work.resolve("keys");
        LoadKeys.in(keys);
    }

    @Test
    void aSmallFlashSaleOnAnEmbeddedNodeSellsSeatsKeepsTheInvariantsAndWritesItsReports() throws Exception {
        String db = "jdbc:h2:file:" + work.resolve("data/boxoffice")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        Map<String, String> env = Map.of("BOXOFFICE_DB_URL", db, "BOXOFFICE_DB_USER", "sa");
        try (Node node = Node.start(jar, List.of(), env, keys, work)) {
            assertThat(node.log()).contains("Starting BoxofficeApplication").doesNotContain("AOT-processed");
            flashSale(node, db, "sa");
        }
    }

    @Test
    void aSmallFlashSaleOnADistributedNodeRunningTheAheadOfTimeCodeSellsSeatsAndKeepsTheInvariants() throws Exception {
        String schema = "smoke_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = postgres()) {
            admin.createStatement().execute("CREATE SCHEMA " + schema);
        }
        String db = POSTGRES + "?currentSchema=" + schema;
        try (RedisServer redis = RedisServer.start(work)) {
            Map<String, String> env = Map.of("BOXOFFICE_DB_URL", db, "BOXOFFICE_DB_USER", "postgres",
                    "BOXOFFICE_REDIS_URL", "redis://127.0.0.1:" + redis.port());
            try (Node node = Node.start(jar, List.of("-Dspring.aot.enabled=true"), env, keys, work)) {
                assertThat(node.log()).as("the node runs the ahead-of-time code").contains("Starting AOT-processed BoxofficeApplication");
                flashSale(node, db, "postgres");
            }
        } finally {
            try (Connection admin = postgres()) {
                admin.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void theAheadOfTimeCodeRefusesToStartWithoutRedis() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "-Dspring.aot.enabled=true", "-jar", jar)
                .redirectErrorStream(true).redirectOutput(work.resolve("refused.log").toFile());
        builder.environment().remove("BOXOFFICE_REDIS_URL");
        builder.environment().putAll(Map.of("SERVER_PORT", String.valueOf(freePort()),
                "BOXOFFICE_MANAGEMENT_PORT", String.valueOf(freePort()), "BOXOFFICE_DATA_DIR", work.resolve("refused").toString()));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the node exits by itself").isTrue();

        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(work.resolve("refused.log"))).contains("APPLICATION FAILED TO START")
                .contains("neither BOXOFFICE_REDIS_URL nor BOXOFFICE_REDIS_CLUSTER_NODES is set, but this node runs the build's ahead-of-time code");
    }

    private void flashSale(Node node, String db, String dbUser) throws IOException {
        Path results = work.resolve("gatling-" + node.port());
        Map<String, String> run = Map.ofEntries(Map.entry("baseUrl", "http://127.0.0.1:" + node.port()), Map.entry("users", "300"),
                Map.entry("rampSeconds", "6"), Map.entry("sections", "2"), Map.entry("rows", "5"), Map.entry("seatsPerRow", "20"),
                Map.entry("prequeueSeconds", "3"), Map.entry("admitPerMinute", "60000"), Map.entry("maxActiveUsers", "1000"),
                Map.entry("proofOfWorkMaxNumber", "200"), Map.entry("pollSeconds", "1"), Map.entry("waitMinutes", "1"),
                Map.entry("keys", keys.toString()), Map.entry("results", results.toString()), Map.entry("db.url", db),
                Map.entry("db.user", dbUser));
        run.forEach(System::setProperty);
        int status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {"--simulation", FlashSaleSimulation.class.getName(),
                "--results-folder", results.toString(), "--run-description", "smoke"});

        assertThat(status).as("Gatling's status (assertions: under 1% failed requests)").isZero();
        String summary = Files.readString(results.resolve("summary.json"));
        assertThat(summary).contains("\"invariants\":{\"holds\":true");
        assertThat(number(summary, "purchases")).as("purchases").isPositive();
        assertThat(number(summary, "holdsPlaced")).isPositive();
        try (Stream<Path> files = Files.walk(results)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("index.html"))).as("Gatling's HTML report").isNotEmpty();
        }
    }

    private static long number(String json, String field) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(matcher.find()).as(field + " in " + json).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** The tests' PostgreSQL; on a laptop without it the test is skipped, in CI it fails. */
    private static Connection postgres() {
        try {
            return DriverManager.getConnection(POSTGRES, "postgres", "");
        } catch (SQLException e) {
            assertThat(CI).as("CI=true but PostgreSQL is not reachable at " + POSTGRES + ": " + e.getMessage()).isFalse();
            Assumptions.abort("no PostgreSQL at " + POSTGRES);
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A node process started from the jar, ready when its {@code /readyz} answers 200. */
    private record Node(Process process, int port, Path logFile) implements AutoCloseable {
        static Node start(String jar, List<String> jvmOptions, Map<String, String> settings, Path keys, Path work) throws Exception {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar));
            Path log = work.resolve("node-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = new HashMap<>(Map.of(
                    "SERVER_PORT", String.valueOf(port), "BOXOFFICE_MANAGEMENT_PORT", String.valueOf(freePort()),
                    "BOXOFFICE_DATA_DIR", work.resolve("data-" + port).toString(), "BOXOFFICE_DEMO_DATA", "false",
                    "BOXOFFICE_JWT_TRUSTED_ISSUER", LoadKeys.ISSUER, "BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY", "file:" + keys.resolve("public.pem"),
                    // every virtual user comes from this one address
                    "BOXOFFICE_RATELIMIT_PER_IP", "1000000", "BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS", "100000",
                    // a checkout cut short is settled by recovery within seconds, before the invariants are read
                    "BOXOFFICE_RECOVERY_INTERVAL", "2s", "BOXOFFICE_RECOVERY_AFTER", "10s"));
            env.putAll(settings);
            builder.environment().putAll(env);
            Node node = new Node(builder.start(), port, log);
            try {
                node.awaitReady();
            } catch (Throwable notReady) {
                node.close();
                throw notReady;
            }
            return node;
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        private void awaitReady() throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (Instant.now().isBefore(deadline)) {
                assertThat(process.isAlive()).as("the node is running; its log:\n" + log()).isTrue();
                try {
                    HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(250); // polling a starting process: nothing to wait on but its port
            }
            throw new AssertionError("the node did not become ready within 90 s; its log:\n" + log());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** A Redis server of the test's own on a free port, keeping nothing on disk; skipped on a laptop without redis-server. */
    private record RedisServer(Process process, int port) implements AutoCloseable {
        static RedisServer start(Path work) throws Exception {
            int port = freePort();
            Process process;
            try {
                process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                        "--appendonly", "no").redirectErrorStream(true).redirectOutput(work.resolve("redis.log").toFile()).start();
            } catch (IOException noRedis) {
                assertThat(CI).as("CI=true but redis-server is not on the PATH").isFalse();
                Assumptions.abort("no redis-server on the PATH");
                throw noRedis;
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (true) {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return new RedisServer(process, port);
                } catch (IOException notYet) {
                    assertThat(Instant.now()).as("redis-server listening on " + port).isBefore(deadline);
                    Thread.sleep(50); // polling a starting process: nothing to wait on but its port
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
