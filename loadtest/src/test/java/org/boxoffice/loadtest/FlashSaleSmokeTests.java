package org.boxoffice.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flash-sale scenario, small: a few hundred users against an embedded node started from the service's jar, so
 * that the load test never rots. It must finish without failed requests, sell seats, write its reports and find
 * the invariants holding in the node's database. Runs inside the service's `./mvnw verify`, which passes the jar.
 */
class FlashSaleSmokeTests {
    @TempDir
    Path work;

    @Test
    void aSmallFlashSaleSellsSeatsKeepsTheInvariantsAndWritesItsReports() throws Exception {
        String jar = System.getProperty("app.jar", "");
        if (jar.isBlank()) {
            assertThat(System.getenv("CI")).as("CI=true but no -Dapp.jar to run the smoke test against").isNotEqualTo("true");
            org.junit.jupiter.api.Assumptions.abort("no -Dapp.jar given: run it through the service's ./mvnw verify");
        }
        assertThat(Path.of(jar)).as("the service's jar").exists();
        int port = freePort();
        Path keys = work.resolve("keys");
        LoadKeys.in(keys);
        String db = "jdbc:h2:file:" + work.resolve("data/boxoffice")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
        ProcessBuilder node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar)
                .redirectErrorStream(true).redirectOutput(work.resolve("node.log").toFile());
        node.environment().putAll(Map.of(
                "SERVER_PORT", String.valueOf(port), "BOXOFFICE_MANAGEMENT_PORT", String.valueOf(freePort()),
                "BOXOFFICE_DATA_DIR", work.resolve("data").toString(), "BOXOFFICE_DB_URL", db, "BOXOFFICE_DB_USER", "sa",
                "BOXOFFICE_DEMO_DATA", "false", "BOXOFFICE_JWT_TRUSTED_ISSUER", LoadKeys.ISSUER,
                "BOXOFFICE_JWT_TRUSTED_PUBLIC_KEY", "file:" + keys.resolve("public.pem"),
                // every virtual user comes from this one address
                "BOXOFFICE_RATELIMIT_PER_IP", "1000000", "BOXOFFICE_HTTP_MAX_IN_FLIGHT_PER_ADDRESS", "100000"));
        // a checkout cut short is settled by recovery within seconds, before the invariants are read
        node.environment().putAll(Map.of("BOXOFFICE_RECOVERY_INTERVAL", "2s", "BOXOFFICE_RECOVERY_AFTER", "10s"));
        Process process = node.start();
        try {
            awaitReady(port, process);
            Path results = work.resolve("gatling");
            Map<String, String> run = Map.ofEntries(Map.entry("baseUrl", "http://127.0.0.1:" + port), Map.entry("users", "300"),
                    Map.entry("rampSeconds", "6"), Map.entry("sections", "2"), Map.entry("rows", "5"), Map.entry("seatsPerRow", "20"),
                    Map.entry("prequeueSeconds", "3"), Map.entry("admitPerMinute", "60000"), Map.entry("maxActiveUsers", "1000"),
                    Map.entry("proofOfWorkMaxNumber", "200"), Map.entry("pollSeconds", "1"), Map.entry("waitMinutes", "1"),
                    Map.entry("keys", keys.toString()), Map.entry("results", results.toString()), Map.entry("db.url", db),
                    Map.entry("db.user", "sa"));
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
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static long number(String json, String field) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(matcher.find()).as(field + " in " + json).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static void awaitReady(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the node is running").isTrue();
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
        throw new AssertionError("the node did not become ready within 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
