package org.boxoffice.seatmap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.boxoffice.inventory.SeatMaps;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class SeatStreamsTickTests {
    private static final Duration TICK = Duration.ofMillis(20);

    /** A tick whose first run fails the way a node out of memory does. */
    static final class FailingOnce extends SeatStreams {
        final AtomicInteger runs = new AtomicInteger();

        FailingOnce() {
            super(mock(SeatMaps.class), new StreamPermits(20, 5, 100), new SimpleMeterRegistry(),
                    new SeatmapSettings(TICK, Duration.ofSeconds(15), Duration.ofMinutes(30), Duration.ofSeconds(5), 50_000, 5,
                            1 << 20, 1 << 16, 20, 5, 100), Duration.ofSeconds(10));
        }

        @Override
        void flush() {
            if (runs.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space (simulated)");
            }
            super.flush();
        }
    }

    @Test
    void keepsTickingAfterATickFailsWithAnError() {
        FailingOnce streams = new FailingOnce();
        SeatStreamsHealthIndicator health = new SeatStreamsHealthIndicator(streams);
        streams.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.runs.get() >= 3);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        } finally {
            streams.stop();
        }
    }

    @Test
    void reportsDownWhenTheTickHasStopped() {
        FailingOnce streams = new FailingOnce();
        SeatStreamsHealthIndicator health = new SeatStreamsHealthIndicator(streams);
        streams.start();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> streams.runs.get() >= 2);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        streams.stop(); // the tick is gone, as if its thread had died

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> health.health().getStatus().equals(Status.DOWN));
        assertThat(health.health().getDetails()).containsKey("lastTickSecondsAgo");
    }
}
