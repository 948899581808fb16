package org.boxoffice.seatmap;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.awaitility.Awaitility;
import org.boxoffice.support.ApiClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.boxoffice.support.IntegrationTest;
import org.boxoffice.support.SseClient;
import org.boxoffice.support.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SeatStreamTests extends IntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int STREAMS_PER_ADDRESS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String url(String eventId) {
        return "http://localhost:" + port + "/api/v1/events/" + eventId + "/seats/stream";
    }

    private static Map<String, String> statuses(JsonNode seats) {
        Map<String, String> result = new HashMap<>();
        seats.forEach(seat -> result.put(seat.get("id").asString(), seat.get("status").asString()));
        return result;
    }

    @Test
    void startsWithASnapshotThenStreamsChanges() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 6)).create();
        List<String> seats = fixtures.seatIds(eventId);
        try (SseClient stream = new SseClient(url(eventId), null)) {
            SseClient.Event snapshot = stream.next("snapshot", WAIT);
            assertThat(snapshot).isNotNull();
            assertThat(snapshot.json().get("seats")).hasSize(6);
            assertThat(snapshot.json().get("seq").asLong()).isEqualTo(Long.parseLong(snapshot.id()));

            fixtures.holdId(TestTokens.fan(), eventId, seats.subList(0, 2));
            SseClient.Event changes = stream.next("changes", WAIT);

            assertThat(changes).isNotNull();
            assertThat(statuses(changes.json().get("seats"))).containsEntry(seats.get(0), "HELD").containsEntry(seats.get(1), "HELD");
            assertThat(changes.json().get("seq").asLong()).isGreaterThan(snapshot.json().get("seq").asLong());
            assertThat(changes.id()).isEqualTo(changes.json().get("seq").asString());
        }
    }

    @Test
    void coalescesChangesToAtMostOneMessageASecond() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).set("maxSeatsPerOrder", 20).create();
        List<String> seats = fixtures.seatIds(eventId);
        try (SseClient stream = new SseClient(url(eventId), null)) {
            assertThat(stream.next("snapshot", WAIT)).isNotNull();
            // two bursts of five holds, the second once the first has been sent: at least two messages to space out
            Map<String, String> seen = new HashMap<>();
            List<Long> receivedAt = new ArrayList<>();
            for (int burst = 0; burst < 2; burst++) {
                for (int i = burst * 5; i < burst * 5 + 5; i++) {
                    fixtures.holdId(TestTokens.fan(), eventId, seats.subList(i, i + 1));
                }
                while (seen.values().stream().filter("HELD"::equals).count() < burst * 5 + 5) {
                    SseClient.Event changes = stream.next("changes", WAIT);
                    assertThat(changes).as("changes for all the holds of burst %d", burst).isNotNull();
                    receivedAt.add(changes.receivedAtNanos());
                    seen.putAll(statuses(changes.json().get("seats")));
                }
            }
            assertThat(receivedAt).hasSizeGreaterThanOrEqualTo(2);
            for (int i = 1; i < receivedAt.size(); i++) {
                assertThat(Duration.ofNanos(receivedAt.get(i) - receivedAt.get(i - 1))).as("gap before message %d", i)
                        .isGreaterThan(Duration.ofMillis(800));
            }
        }
    }

    @Test
    void resumesWithWhatWasMissedAfterReconnecting() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 6)).create();
        List<String> seats = fixtures.seatIds(eventId);
        String lastId;
        try (SseClient stream = new SseClient(url(eventId), null)) {
            assertThat(stream.next("snapshot", WAIT)).isNotNull();
            fixtures.holdId(TestTokens.fan(), eventId, seats.subList(0, 1));
            SseClient.Event first = stream.next("changes", WAIT);
            assertThat(first).isNotNull();
            lastId = first.id();
        }
        fixtures.buy(TestTokens.fan(), eventId, seats.subList(1, 2));
        // the change is flushed to the history on the next tick; a fresh client proves it happened
        try (SseClient witness = new SseClient(url(eventId), lastId)) {
            SseClient.Event missed = witness.next(e -> "changes".equals(e.name()) || "snapshot".equals(e.name()), WAIT);
            assertThat(missed).isNotNull();
            assertThat(missed.name()).isEqualTo("changes");
            assertThat(statuses(missed.json().get("seats"))).containsEntry(seats.get(1), "SOLD").doesNotContainKey(seats.get(0));
        }
    }

    @Test
    void sendsASnapshotWhenTheLastEventIdIsUnknown() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 3)).create();
        try (SseClient stream = new SseClient(url(eventId), "999999999999999999")) {
            SseClient.Event first = stream.next(e -> e.name() != null, WAIT);
            assertThat(first).isNotNull();
            assertThat(first.name()).isEqualTo("snapshot");
        }
    }

    @Test
    void sendsTheStreamGzipEncodedWhenTheClientAcceptsIt() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 2, 10)).create();
        List<String> seats = fixtures.seatIds(eventId);
        try (SseClient stream = new SseClient(url(eventId), null, Map.of("Accept-Encoding", "gzip"))) {
            assertThat(stream.contentEncoding()).isEqualTo("gzip");
            SseClient.Event snapshot = stream.next("snapshot", WAIT);
            assertThat(snapshot).isNotNull();
            assertThat(snapshot.json().get("seats")).hasSize(20);

            fixtures.holdId(TestTokens.fan(), eventId, seats.subList(0, 1));

            SseClient.Event changes = stream.next("changes", WAIT);
            assertThat(changes).isNotNull();
            assertThat(statuses(changes.json().get("seats"))).containsEntry(seats.get(0), "HELD");
        }
    }

    @Test
    void refusesMoreStreamsFromOneAddressThanItsCapWithAProblem() throws Exception {
        String eventId = fixtures.event(fixtures.venue(1, 1, 3)).create();
        String address = ApiClient.nextAddress();
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS_PER_ADDRESS; i++) {
                SseClient stream = new SseClient(url(eventId), null, Map.of("X-Forwarded-For", address));
                open.add(stream);
                assertThat(stream.next("snapshot", WAIT)).as("stream %d of the cap", i + 1).isNotNull();
            }
            try (SseClient excess = new SseClient(url(eventId), null, Map.of("X-Forwarded-For", address));
                 SseClient neighbour = new SseClient(url(eventId), null, Map.of("X-Forwarded-For", ApiClient.nextAddress()))) {
                assertThat(excess.status()).isEqualTo(429);
                JsonNode problem = JSON.readTree(excess.body());
                assertThat(problem.get("type").asString()).endsWith("/too-many-streams");
                assertThat(problem.get("status").asInt()).isEqualTo(429);
                assertThat(neighbour.next("snapshot", WAIT)).as("another address is not affected").isNotNull();
            }
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void dropsStreamsThatStopReadingAndFreesTheirPlaces() throws Exception {
        // 2,500 seats: a snapshot of about 350 KB, more than the socket buffers of a client that reads nothing
        String eventId = fixtures.event(fixtures.venue(1, 25, 100)).set("maxSeatsPerOrder", 100).create();
        String address = ApiClient.nextAddress();
        double stalledBefore = metric("boxoffice_seatmap_streams_ended_total{reason=\"stalled\"");
        List<Socket> unread = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS_PER_ADDRESS; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                socket.getOutputStream().write(("GET /api/v1/events/" + eventId + "/seats/stream HTTP/1.1\r\nHost: localhost\r\n"
                        + "X-Forwarded-For: " + address + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                unread.add(socket);
                assertThat(statusLine(socket)).as("stream %d is open", i + 1).contains(" 200 ");
            }
            try (SseClient refused = new SseClient(url(eventId), null, Map.of("X-Forwarded-For", address))) {
                assertThat(refused.status()).as("the unread streams hold every place of the address").isEqualTo(429);
            }
            // the test's write deadline is 2 s and its idle timeout 4 s
            Awaitility.await("a place is free again once the unread streams are dropped").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        try (SseClient retry = new SseClient(url(eventId), null, Map.of("X-Forwarded-For", address))) {
                            return retry.status() == 200 && retry.next("snapshot", WAIT) != null;
                        }
                    });
            assertThat(metric("boxoffice_seatmap_streams_ended_total{reason=\"stalled\"") - stalledBefore).isPositive();
        } finally {
            for (Socket socket : unread) {
                socket.close();
            }
        }
    }

    /** Reads the status line only: everything after it stays unread. */
    private static String statusLine(Socket socket) throws Exception {
        StringBuilder line = new StringBuilder();
        for (int b = socket.getInputStream().read(); b != '\n' && b >= 0; b = socket.getInputStream().read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    private double metric(String prefix) {
        String scrape = new ApiClient(managementPort).get("/actuator/prometheus", null).raw().body();
        return scrape.lines().filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(
                line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void answersUnknownEventsWithProblemDetails() {
        assertThat(api.get("/api/v1/events/987654321/seats/stream", null).status()).isEqualTo(404);
    }
}
