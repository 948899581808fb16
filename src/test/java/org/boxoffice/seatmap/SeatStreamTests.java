package org.boxoffice.seatmap;

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
            for (int i = 0; i < 10; i++) {
                fixtures.holdId(TestTokens.fan(), eventId, seats.subList(i, i + 1));
            }
            Map<String, String> seen = new HashMap<>();
            long previous = 0;
            while (seen.values().stream().filter("HELD"::equals).count() < 10) {
                SseClient.Event changes = stream.next("changes", WAIT);
                assertThat(changes).as("changes for all ten holds").isNotNull();
                if (previous != 0) {
                    assertThat(Duration.ofNanos(changes.receivedAtNanos() - previous)).isGreaterThan(Duration.ofMillis(800));
                }
                previous = changes.receivedAtNanos();
                seen.putAll(statuses(changes.json().get("seats")));
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
    void answersUnknownEventsWithProblemDetails() {
        assertThat(api.get("/api/v1/events/987654321/seats/stream", null).status()).isEqualTo(404);
    }
}
