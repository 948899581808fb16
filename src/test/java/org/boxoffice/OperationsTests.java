package org.boxoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.boxoffice.inventory.ExpiringHolds;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class OperationsTests extends IntegrationTest {
    private static final List<String> COUNTERS = List.of("boxoffice_holds_placed_total", "boxoffice_holds_rejected_total",
            "boxoffice_holds_expired_total", "boxoffice_orders_confirmed_total", "boxoffice_orders_cancelled_total");

    @Autowired
    private ExpiringHolds inventory;

    private ApiClient management() {
        return new ApiClient(managementPort);
    }

    // --- health ---

    @Test
    void reportsHealthUp() {
        ApiClient.Response response = management().get("/actuator/health", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void reportsLiveness() {
        ApiClient.Response response = management().get("/actuator/health/liveness", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void reportsReadiness() {
        ApiClient.Response response = management().get("/actuator/health/readiness", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void servesActuatorOnlyOnTheManagementPort() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(404);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(404);
    }

    @Test
    void answersProbesOnTheServicePortForLoadBalancers() {
        assertThat(api.get("/livez", null).status()).isEqualTo(200);
        assertThat(api.get("/readyz", null).status()).isEqualTo(200);
    }

    @Test
    void healthDoesNotRevealDetailsToAnonymousCallers() {
        ApiClient.Response response = management().get("/actuator/health", null);

        assertThat(response.json().has("components")).isFalse();
        assertThat(response.raw().body()).doesNotContain("jdbc:", "password");
    }

    // --- metrics ---

    private String prometheus() {
        ApiClient.Response response = management().get("/actuator/prometheus", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return response.raw().body();
    }

    /** The sum of all series of a counter (all tag combinations); 0 when it has none yet. */
    private static double value(String scrape, String name) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String[] parts = line.trim().split("\\s+");
                sum += Double.parseDouble(parts[parts.length - 1]);
            }
        }
        return sum;
    }

    private static boolean present(String scrape, String name) {
        return scrape.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    @Test
    void countsHoldsAndOrdersInPrometheus() {
        String before = prometheus();
        String eventId = fixtures.event(fixtures.venue(1, 1, 5)).set("holdSeconds", 1).create();
        List<String> seats = fixtures.seatIds(eventId);

        // one hold placed and one order confirmed
        String buyer = TestTokens.fan();
        String orderId = fixtures.buy(buyer, eventId, seats.subList(0, 1)).get("orderId").asString();
        // one order cancelled
        ApiClient.Response cancel = api.post("/api/v1/orders/" + orderId + "/cancel", buyer, null);
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        // one more hold placed, and one rejected because its seat is taken
        fixtures.holdId(TestTokens.fan(), eventId, seats.subList(1, 2));
        assertThat(fixtures.hold(TestTokens.fan(), eventId, seats.subList(1, 2)).status()).isEqualTo(409);
        // and that hold expires
        CLOCK.advance(Duration.ofSeconds(2));
        inventory.expireDueHolds();

        String after = prometheus();
        for (String counter : COUNTERS) {
            assertThat(present(after, counter)).as(counter + " is exported").isTrue();
        }
        assertThat(value(after, "boxoffice_holds_placed_total") - value(before, "boxoffice_holds_placed_total")).isEqualTo(2.0);
        assertThat(value(after, "boxoffice_holds_rejected_total") - value(before, "boxoffice_holds_rejected_total")).isEqualTo(1.0);
        assertThat(value(after, "boxoffice_holds_expired_total") - value(before, "boxoffice_holds_expired_total"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(value(after, "boxoffice_orders_confirmed_total") - value(before, "boxoffice_orders_confirmed_total"))
                .isEqualTo(1.0);
        assertThat(value(after, "boxoffice_orders_cancelled_total") - value(before, "boxoffice_orders_cancelled_total"))
                .isEqualTo(1.0);
        assertThat(fixtures.seatStatuses(eventId).values()).containsOnly("AVAILABLE");
    }

    @Test
    void tagsRejectedHoldsWithTheirReason() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 3)).create();
        List<String> seats = fixtures.seatIds(eventId);
        fixtures.holdId(TestTokens.fan(), eventId, seats.subList(0, 1));
        assertThat(fixtures.hold(TestTokens.fan(), eventId, seats.subList(0, 1)).status()).isEqualTo(409);

        assertThat(prometheus()).containsPattern("boxoffice_holds_rejected_total\\{[^}]*reason=\"seats-unavailable\"");
    }

    @Test
    void repeatedCancelCountsOnce() {
        String eventId = fixtures.event(fixtures.venue(1, 1, 3)).create();
        String buyer = TestTokens.fan();
        String orderId = fixtures.buy(buyer, eventId, fixtures.seatIds(eventId).subList(0, 1)).get("orderId").asString();
        assertThat(api.post("/api/v1/orders/" + orderId + "/cancel", buyer, null).status()).isEqualTo(200);
        double before = value(prometheus(), "boxoffice_orders_cancelled_total");

        assertThat(api.post("/api/v1/orders/" + orderId + "/cancel", buyer, null).status()).isEqualTo(200);

        assertThat(value(prometheus(), "boxoffice_orders_cancelled_total")).isEqualTo(before);
    }

    // --- API documentation ---

    @Test
    void servesOpenApiDocument() {
        ApiClient.Response response = api.get("/v3/api-docs", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).contains("json");
        JsonNode doc = response.json();
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        JsonNode paths = doc.get("paths");
        assertThat(paths.has("/api/v1/events/{eventId}/holds")).as(paths.propertyNames().toString()).isTrue();
        assertThat(paths.has("/api/v1/events")).isTrue();
        assertThat(paths.has("/api/v1/events/{eventId}")).isTrue();
        assertThat(paths.has("/api/v1/events/{eventId}/seats")).isTrue();
        assertThat(paths.has("/api/v1/auth/register")).isTrue();
        assertThat(paths.has("/api/v1/auth/token")).isTrue();
        assertThat(paths.has("/api/v1/orders")).isTrue();
        assertThat(paths.has("/api/v1/admin/venues")).isTrue();
        assertThat(paths.has("/api/v1/admin/events")).isTrue();
        assertThat(paths.get("/api/v1/events/{eventId}/holds").has("post")).isTrue();
    }

    /**
     * docs/openapi.json is the HTTP contract as the code serves it, for readers without a running node. After a change
     * of the API, refresh it: ./mvnw test -Dtest=OperationsTests -Dopenapi.update=true
     */
    @Test
    void theCommittedOpenApiDocumentIsTheOneTheCodeServes() throws IOException {
        JsonMapper sorted = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        String served = sorted.writeValueAsString(sorted.convertValue(api.get("/v3/api-docs", null).json(), Object.class)) + "\n";
        Path committed = Path.of("docs/openapi.json");
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(committed, served);
        }
        assertThat(Files.exists(committed) ? Files.readString(committed) : "")
                .as("docs/openapi.json is stale: run ./mvnw test -Dtest=OperationsTests -Dopenapi.update=true")
                .isEqualTo(served);
    }

    @Test
    void servesSwaggerUi() {
        String path = "/swagger-ui.html";
        ApiClient.Response response = null;
        for (int hop = 0; hop < 5; hop++) {
            response = api.send("GET", path, null, null, Map.of());
            if (response.status() / 100 != 3) {
                break;
            }
            String location = response.header("Location");
            assertThat(location).as("redirect from " + path).isNotBlank();
            URI target = URI.create("http://localhost:" + port + path).resolve(location);
            assertThat(target.getPort()).isEqualTo(port);
            path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        }

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.raw().body()).containsIgnoringCase("swagger");
    }
}
