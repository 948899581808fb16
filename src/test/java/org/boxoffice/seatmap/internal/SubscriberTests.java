package org.boxoffice.seatmap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.boxoffice.inventory.SeatStatus;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class SubscriberTests {

    /** A client whose connection takes nothing until released, and records what it was sent. */
    static final class StuckEmitter extends SseEmitter {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstSend = new CountDownLatch(1);
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch sentTwice = new CountDownLatch(2);
        volatile boolean completed;

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            firstSend.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StringBuilder text = new StringBuilder();
            builder.build().forEach(part -> text.append(part.getData()));
            sent.add(text.toString());
            sentTwice.countDown();
        }

        @Override
        public void complete() {
            completed = true;
        }
    }

    private static EventStream.Tick tick(long seq, long seat, SeatStatus status) {
        return new EventStream.Tick(seq - 1, seq, Map.of(seat, status));
    }

    private static SseEmitter.SseEventBuilder render(EventStream.Tick tick) {
        return SseEmitter.event().name("changes").data(tick.seats().toString());
    }

    @Test
    void dropsAClientThatFallsMoreThanItsPatienceBehind() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = new Subscriber(emitter, 3, SubscriberTests::render);
        subscriber.start(0, null);
        subscriber.offerChanges(tick(1, 1, SeatStatus.HELD));
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();

        for (int seq = 2; seq <= 4; seq++) {
            subscriber.offerChanges(tick(seq, seq, SeatStatus.HELD));
        }
        assertThat(subscriber.closed()).as("still within its patience").isFalse();
        subscriber.offerChanges(tick(5, 5, SeatStatus.HELD));

        assertThat(subscriber.closed()).isTrue();
        assertThat(emitter.completed).isTrue();
        emitter.release.countDown();
    }

    @Test
    void sendsTheSnapshotFirstEvenWhenChangesArriveBeforeIt() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = new Subscriber(emitter, 10, SubscriberTests::render);
        subscriber.offerChanges(tick(6, 1, SeatStatus.HELD)); // a tick lands while the snapshot is being read

        subscriber.start(5, SseEmitter.event().name("snapshot").data("the snapshot"));
        emitter.release.countDown();

        assertThat(emitter.sentTwice.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(emitter.sent.get(0)).contains("the snapshot");
        assertThat(emitter.sent.get(1)).contains("1=HELD");
    }

    @Test
    void sendsWhatCameDueWhileSendingAsSoonAsTheSendIsDoneWithoutWaitingForAnotherTick() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = new Subscriber(emitter, 10, SubscriberTests::render);
        subscriber.start(0, null);
        subscriber.offerChanges(tick(1, 7, SeatStatus.HELD));
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();
        subscriber.offerChanges(tick(2, 7, SeatStatus.AVAILABLE)); // the last change before the event goes quiet

        emitter.release.countDown();

        assertThat(emitter.sentTwice.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(emitter.sent.get(1)).contains("7=AVAILABLE");
    }
}
