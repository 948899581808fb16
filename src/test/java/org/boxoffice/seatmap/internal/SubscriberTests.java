package org.boxoffice.seatmap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.boxoffice.inventory.SeatStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

class SubscriberTests {

    /**
     * A client connection that takes nothing until released, and records every byte it was sent. Like the real
     * emitter, it completes only once a write in flight is done (both hold one lock).
     */
    static final class StuckEmitter extends ResponseBodyEmitter {
        final java.util.concurrent.locks.ReentrantLock writeLock = new java.util.concurrent.locks.ReentrantLock();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch firstSend = new CountDownLatch(1);
        final List<String> sent = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch sentTwice = new CountDownLatch(2);
        final CountDownLatch completed = new CountDownLatch(1);

        @Override
        public void send(Set<DataWithMediaType> items) throws IOException {
            writeLock.lock();
            try {
                write(items);
            } finally {
                writeLock.unlock();
            }
        }

        private void write(Set<DataWithMediaType> items) throws IOException {
            firstSend.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ByteArrayOutputStream write = new ByteArrayOutputStream();
            for (DataWithMediaType item : items) {
                write.write((byte[]) item.getData());
            }
            synchronized (bytes) {
                bytes.write(write.toByteArray());
            }
            sent.add(write.toString(StandardCharsets.ISO_8859_1));
            sentTwice.countDown();
        }

        @Override
        public void send(Object data, MediaType mediaType) throws IOException {
            synchronized (bytes) {
                bytes.write((byte[]) data);
            }
        }

        @Override
        public void complete() {
            writeLock.lock();
            try {
                completed.countDown();
            } finally {
                writeLock.unlock();
            }
        }

        byte[] bytes() {
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }
    }

    private static final Map<Long, EventStream.Tick> TICKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The tick a frame made by {@link #changes} stands for. */
    private static EventStream.Tick tick(long seq) {
        return TICKS.get(seq);
    }

    private static void offer(Subscriber subscriber, long seq, long seat, SeatStatus status) {
        Frame frame = changes(seq, seat, status);
        subscriber.offer(tick(seq), frame);
    }

    private static Frame changes(long seq, long seat, SeatStatus status) {
        EventStream.Tick tick = new EventStream.Tick(seq - 1, seq, Map.of(seat, status));
        TICKS.put(seq, tick);
        return SeatStreams.changes(tick);
    }

    private static Subscriber subscriber(ResponseBodyEmitter emitter, int patience, long maxQueuedBytes) {
        return new Subscriber(emitter, false, patience, maxQueuedBytes, SeatStreams::changes, why -> { });
    }

    @Test
    void dropsAClientThatFallsMoreThanItsPatienceBehind() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = subscriber(emitter, 3, 1 << 20);
        subscriber.start(0, List.of());
        offer(subscriber, 1, 1, SeatStatus.HELD);
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();

        for (int seq = 2; seq <= 4; seq++) {
            offer(subscriber, seq, seq, SeatStatus.HELD);
        }
        assertThat(subscriber.closed()).as("still within its patience").isFalse();
        offer(subscriber, 5, 5, SeatStatus.HELD);

        assertThat(subscriber.closed()).isTrue();
        emitter.release.countDown();
        assertThat(emitter.completed.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void dropsAClientWhoseQueueOutgrowsItsByteBudget() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Frame big = changes(1, 1, SeatStatus.HELD);
        Subscriber subscriber = subscriber(emitter, 100, big.length() * 2L);
        subscriber.start(0, List.of());
        subscriber.offer(tick(1), big);
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();

        offer(subscriber, 2, 2, SeatStatus.HELD);
        offer(subscriber, 3, 3, SeatStatus.HELD);
        assertThat(subscriber.closed()).as("two frames queued fit the budget").isFalse();
        offer(subscriber, 4, 4, SeatStatus.HELD);

        assertThat(subscriber.closed()).isTrue();
        emitter.release.countDown();
    }

    @Test
    void dropsAClientWhoseWriteMakesNoProgressWithinTheDeadline() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = subscriber(emitter, 100, 1 << 20);
        subscriber.start(0, List.of(Frame.comment("first")));
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();

        subscriber.checkWriteDeadline(started, TimeUnit.SECONDS.toNanos(5));
        assertThat(subscriber.closed()).as("within the deadline").isFalse();
        subscriber.checkWriteDeadline(started + TimeUnit.SECONDS.toNanos(6), TimeUnit.SECONDS.toNanos(5));

        assertThat(subscriber.closed()).isTrue();
        emitter.release.countDown();
    }

    @Test
    void sendsTheSnapshotFirstAndSkipsChangesItAlreadyHolds() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = subscriber(emitter, 10, 1 << 20);
        // ticks land while the snapshot is being read: one it holds (up to seq 5), one it does not (seq 6)
        offer(subscriber, 5, 9, SeatStatus.SOLD);
        offer(subscriber, 6, 1, SeatStatus.HELD);

        subscriber.start(5, List.of(Frame.event("snapshot", 5, "{\"the\":\"snapshot\"}".getBytes(StandardCharsets.UTF_8))));
        emitter.release.countDown();

        assertThat(emitter.sentTwice.await(200, TimeUnit.MILLISECONDS)).as("one write").isFalse();
        String sent = String.join("", emitter.sent);
        assertThat(sent).startsWith("event: snapshot\nid: 5\ndata: {\"the\":\"snapshot\"}\n\n");
        assertThat(sent).contains("\"id\":\"1\",\"status\":\"HELD\"").doesNotContain("SOLD");
    }

    @Test
    void sendsWhatCameDueWhileSendingAsSoonAsTheSendIsDoneWithoutWaitingForAnotherTick() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = subscriber(emitter, 10, 1 << 20);
        subscriber.start(0, List.of());
        offer(subscriber, 1, 7, SeatStatus.HELD);
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();
        offer(subscriber, 2, 7, SeatStatus.AVAILABLE); // the last change before the event goes quiet

        emitter.release.countDown();

        assertThat(emitter.sentTwice.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(emitter.sent.get(1)).contains("\"id\":\"7\",\"status\":\"AVAILABLE\"");
    }

    @Test
    void mergesWhatCameDueWhileSendingIntoOneMessageWithTheLatestStatusOfEachSeat() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        Subscriber subscriber = subscriber(emitter, 10, 1 << 20);
        subscriber.start(0, List.of());
        offer(subscriber, 1, 7, SeatStatus.HELD);
        assertThat(emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();
        offer(subscriber, 2, 7, SeatStatus.SOLD);
        offer(subscriber, 3, 8, SeatStatus.HELD);
        offer(subscriber, 4, 8, SeatStatus.AVAILABLE);

        emitter.release.countDown();

        assertThat(emitter.sentTwice.await(5, TimeUnit.SECONDS)).isTrue();
        String second = emitter.sent.get(1);
        assertThat(second.split("event: changes", -1)).as("one changes message").hasSize(2);
        assertThat(second).contains("id: 4\n", "\"id\":\"7\",\"status\":\"SOLD\"", "\"id\":\"8\",\"status\":\"AVAILABLE\"")
                .doesNotContain("HELD");
    }

    @Test
    void compressesFramesOnceIntoOneValidGzipStreamPerClient() throws Exception {
        StuckEmitter emitter = new StuckEmitter();
        emitter.release.countDown();
        Subscriber subscriber = new Subscriber(emitter, true, 10, 1 << 20, SeatStreams::changes, why -> { });
        Frame snapshot = Frame.event("snapshot", 1, "{\"seats\":[1,2,3]}".getBytes(StandardCharsets.UTF_8));
        subscriber.start(1, List.of(snapshot));
        assertThat(emitter.sentTwice.await(0, TimeUnit.SECONDS) || emitter.firstSend.await(5, TimeUnit.SECONDS)).isTrue();
        Frame change = changes(2, 7, SeatStatus.HELD);
        subscriber.offer(tick(2), change);
        assertThat(emitter.sentTwice.await(5, TimeUnit.SECONDS)).isTrue();

        subscriber.close();
        assertThat(emitter.completed.await(5, TimeUnit.SECONDS)).isTrue();

        byte[] decoded = new GZIPInputStream(new ByteArrayInputStream(emitter.bytes())).readAllBytes();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(
                "event: snapshot\nid: 1\ndata: {\"seats\":[1,2,3]}\n\n"
                        + "event: changes\nid: 2\ndata: {\"seq\":2,\"seats\":[{\"id\":\"7\",\"status\":\"HELD\"}]}\n\n");
        // compressed once: every client of the frame writes the very same array
        assertThat(change.deflated()).isSameAs(change.deflated());
    }
}
