package org.boxoffice.seatmap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.boxoffice.inventory.SeatStatus;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class SubscriberTests {

    /** A client whose connection accepts nothing until released. */
    static final class StuckEmitter extends SseEmitter {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstSend = new CountDownLatch(1);
        volatile boolean completed;

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            firstSend.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void send(Object object) throws IOException {
            send(event().data(object));
        }

        @Override
        public void complete() {
            completed = true;
        }
    }

    private static EventStream.Tick tick(long seq, long seat) {
        return new EventStream.Tick(seq - 1, seq, Map.of(seat, SeatStatus.HELD));
    }

    @Test
    void dropsAClientThatFallsMoreThanItsPatienceBehind() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = new Subscriber(emitter, 3);
        subscriber.offerChanges(tick(1, 1), t -> SseEmitter.event().data(t.seats()));
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();

        for (int seq = 2; seq <= 4; seq++) {
            subscriber.offerChanges(tick(seq, seq), t -> SseEmitter.event().data(t.seats()));
        }
        assertThat(subscriber.closed()).as("still within its patience").isFalse();
        subscriber.offerChanges(tick(5, 5), t -> SseEmitter.event().data(t.seats()));

        assertThat(subscriber.closed()).isTrue();
        assertThat(emitter.completed).isTrue();
        emitter.release.countDown();
    }

    @Test
    void mergesWhatCameDueWhileSendingIntoTheNextMessage() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = new Subscriber(emitter, Integer.MAX_VALUE);
        subscriber.offerChanges(tick(1, 1), t -> SseEmitter.event().data(t.seats()));
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();
        subscriber.offerChanges(tick(2, 2), t -> SseEmitter.event().data(t.seats()));
        CountDownLatch merged = new CountDownLatch(1);
        emitter.release.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Set<Long>[] seen = new Set[1];
        while (seen[0] == null && System.nanoTime() < deadline) {
            subscriber.offerChanges(tick(3, 3), t -> {
                seen[0] = t.seats().keySet();
                merged.countDown();
                return SseEmitter.event().data(t.seats());
            });
            Thread.onSpinWait();
        }

        assertThat(merged.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(seen[0]).contains(2L, 3L);
    }
}
