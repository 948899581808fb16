package org.boxoffice.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.boxoffice.support.ApiClient;
import org.boxoffice.support.SseClient;
import org.boxoffice.support.TestTokens;
import org.jspecify.annotations.Nullable;

/**
 * What the Redis failover tests share: a probe that measures how long after a failover a hold succeeds again, and
 * a seat stream followed the way a browser's EventSource follows it.
 */
final class Failovers {
    private Failovers() {
    }

    /**
     * A one-seat hold on the probe event, tried every 200 ms until one succeeds; released at once; the time from
     * {@code faultStartNanos} (a {@link System#nanoTime} reading) until it succeeded.
     */
    static Duration untilBookingResumes(ApiClient node, String probeEventId, String seatId, long faultStartNanos, Duration atMost) {
        String fan = TestTokens.fan();
        String[] holdId = new String[1];
        Awaitility.await("a hold succeeds again after the failover").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ApiClient.Response hold = node.post("/api/v1/events/" + probeEventId + "/holds", fan, Map.of("seatIds", List.of(seatId)));
                    if (hold.status() == 201) {
                        holdId[0] = hold.text("holdId");
                        return true;
                    }
                    assertThat(hold.status()).as("while failing over, booking answers 503: %s", hold).isEqualTo(503);
                    return false;
                });
        Duration took = Duration.ofNanos(System.nanoTime() - faultStartNanos);
        assertThat(node.delete("/api/v1/holds/" + holdId[0], fan).status()).isEqualTo(204);
        return took;
    }

    /**
     * A seat stream read as a browser reads it: when the service ends it (it does after a rebuild of the event, so that
     * clients start again from a fresh snapshot), it reconnects with the last event id it saw.
     */
    static final class SeatStream implements AutoCloseable {
        private final String url;
        private SseClient stream;
        private @Nullable String lastId;
        private int reconnects;

        SeatStream(String url) throws InterruptedException {
            this.url = url;
            this.stream = new SseClient(url, null);
            SseClient.Event snapshot = stream.next("snapshot", Duration.ofSeconds(5));
            assertThat(snapshot).as("the stream starts with a snapshot").isNotNull();
            lastId = snapshot.id();
        }

        /** Holds the seat through {@code node} and waits until the stream shows it held. */
        void showsAHoldMadeOn(ApiClient node, String eventId, String seatId) throws InterruptedException {
            ApiClient.Response hold = node.post("/api/v1/events/" + eventId + "/holds", TestTokens.fan(), Map.of("seatIds", List.of(seatId)));
            assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                SseClient.Event event = stream.next(e -> true, Duration.ofMillis(200));
                if (event != null) {
                    if (event.id() != null) {
                        lastId = event.id();
                    }
                    if (("changes".equals(event.name()) || "snapshot".equals(event.name())) && shows(event, seatId, "HELD")) {
                        return;
                    }
                } else if (stream.ended(Duration.ZERO)) {
                    stream.close();
                    stream = new SseClient(url, lastId);
                    reconnects++;
                }
            }
            throw new AssertionError("the seat stream did not show seat " + seatId + " held within 10 s (" + reconnects + " reconnects)");
        }

        /** Changes and snapshots alike list seats as {"id": ..., "status": ...}. */
        private static boolean shows(SseClient.Event event, String seatId, String status) {
            for (var seat : event.json().get("seats")) {
                if (seat.get("id").asString().equals(seatId)) {
                    return seat.get("status").asString().equals(status);
                }
            }
            return false;
        }

        int reconnects() {
            return reconnects;
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
