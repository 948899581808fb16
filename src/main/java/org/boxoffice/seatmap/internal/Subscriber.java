package org.boxoffice.seatmap.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.boxoffice.inventory.SeatStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;

/**
 * One connected client. At most one write is in flight, on a virtual thread of its own; frames that come due
 * meanwhile wait in a queue bounded in bytes and in ticks, and go out together as soon as the write is done. A client
 * that falls further behind, or whose write takes longer than the write deadline, is dropped: it reconnects
 * and resumes from its last event id. A new client starts busy, so that changes wait until its first message is out.
 */
final class Subscriber {
    /** Why a client was let go, for the metrics. */
    enum Drop {
        SLOW, STALLED, FAILED, CLOSED
    }

    private final ResponseBodyEmitter emitter;
    private final int patience;
    private final long maxQueuedBytes;
    private final Consumer<Drop> dropped;
    private final Function<EventStream.Tick, Frame> render;
    private final GzipStream gzip;
    private record Queued(EventStream.Tick tick, Frame frame) {
    }

    private final Deque<Queued> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long startedAt = Long.MAX_VALUE;
    private int ticksBehind;
    private boolean sending = true;
    private boolean headerSent;
    private long sendStartedNanos = System.nanoTime();
    private boolean closed;
    private boolean finishAfterSend;
    private volatile Consumer<Drop> ended = why -> { };

    Subscriber(ResponseBodyEmitter emitter, boolean gzip, int patience, long maxQueuedBytes, Function<EventStream.Tick, Frame> render,
               Consumer<Drop> dropped) {
        this.render = render;
        this.emitter = emitter;
        this.gzip = gzip ? new GzipStream() : null;
        this.patience = patience;
        this.maxQueuedBytes = maxQueuedBytes;
        this.dropped = dropped;
    }

    /**
     * Sends the first messages (a snapshot and what changed since, or what the client missed), which bring the client
     * to {@code seq}; none when the client is up to date already.
     */
    synchronized void start(long seq, List<Frame> first) {
        startedAt = seq;
        List<Frame> frames = new ArrayList<>(first);
        // changes that arrived while the first message was being prepared follow it, unless it holds them already
        queue.removeIf(queued -> queued.tick().toSeq() <= seq);
        if (!queue.isEmpty()) {
            frames.add(merged());
        }
        queue.clear();
        queuedBytes = 0;
        if (frames.isEmpty() && gzip == null) {
            sending = false;
            return;
        }
        send(frames);
    }

    /** The change number the client was brought up to when it connected. */
    synchronized long startedAt() {
        return startedAt;
    }

    /** A tick's changes (and their message, shared); those the client's first message already holds are skipped. */
    synchronized void offer(EventStream.Tick tick, Frame frame) {
        if (closed || tick.toSeq() <= startedAt && startedAt != Long.MAX_VALUE) {
            return;
        }
        queue.addLast(new Queued(tick, frame));
        queuedBytes += frame.length();
        if (sending) {
            if (++ticksBehind > patience || queuedBytes > maxQueuedBytes) {
                drop(Drop.SLOW);
            }
            return;
        }
        sendQueued();
    }

    /** A heartbeat goes only to an idle client; a busy one shows it is alive anyway. */
    synchronized void heartbeat(Frame beat) {
        if (!closed && !sending) {
            send(List.of(beat));
        }
    }

    /** Drops the client when its write has taken longer than the deadline (a write without any progress ends sooner, by the container's idle timeout). */
    void checkWriteDeadline(long nowNanos, long deadlineNanos) {
        synchronized (this) {
            if (closed || !sending || nowNanos - sendStartedNanos <= deadlineNanos) {
                return;
            }
        }
        drop(Drop.STALLED);
    }

    private void sendQueued() {
        if (closed || queue.isEmpty()) {
            return;
        }
        Frame next = merged();
        queue.clear();
        queuedBytes = 0;
        send(List.of(next));
    }

    private void send(List<Frame> frames) {
        sending = true;
        ticksBehind = 0;
        sendStartedNanos = System.nanoTime();
        Set<DataWithMediaType> items = new LinkedHashSet<>();
        if (gzip != null && !headerSent) {
            items.add(new DataWithMediaType(GzipStream.HEADER, MediaType.APPLICATION_OCTET_STREAM));
            headerSent = true;
        }
        for (Frame frame : frames) {
            if (gzip != null) {
                items.add(new DataWithMediaType(frame.deflated(), MediaType.APPLICATION_OCTET_STREAM));
                gzip.sent(frame);
            } else {
                for (byte[] part : frame.parts()) {
                    items.add(new DataWithMediaType(part, MediaType.APPLICATION_OCTET_STREAM));
                }
            }
        }
        Thread.ofVirtual().name("seat-stream-send").start(() -> {
            boolean failed = false;
            try {
                emitter.send(items);
            } catch (IOException | IllegalStateException e) {
                failed = true;
            }
            boolean finish;
            synchronized (this) {
                sending = false;
                finish = closed && finishAfterSend;
                if (!failed && !closed) {
                    sendQueued();
                    return;
                }
            }
            if (finish && !failed) {
                finish(trailer());
            } else if (failed) {
                // the container has seen the write fail and ends the response itself; completing it here as well
                // would race with that
                drop(Drop.FAILED);
            }
        });
    }

    /** Runs once the client is let go, with the reason. */
    void whenEnded(Consumer<Drop> action) {
        ended = action;
    }

    /**
     * What waits in the queue as one message: the shared one when a single tick waits, else one made for this client
     * with the latest status of each seat, so that even a client that fell behind gets one message at a time.
     */
    private Frame merged() {
        if (queue.size() == 1) {
            return queue.getFirst().frame();
        }
        Map<Long, SeatStatus> seats = new LinkedHashMap<>();
        queue.forEach(queued -> seats.putAll(queued.tick().seats()));
        return render.apply(new EventStream.Tick(queue.getFirst().tick().fromSeq(), queue.getLast().tick().toSeq(), seats));
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Ends the stream; a gzip stream that is idle gets its trailer first, so the client sees a clean end. */
    void close() {
        drop(Drop.CLOSED);
    }

    private void drop(Drop why) {
        boolean now;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            // a write in flight that is not stuck finishes first, then the stream ends cleanly
            finishAfterSend = sending && why != Drop.STALLED;
            now = !finishAfterSend;
        }
        dropped.accept(why);
        ended.accept(why);
        if (now && why != Drop.FAILED) {
            finish(why == Drop.CLOSED ? trailer() : null);
        }
    }

    private synchronized byte[] trailer() {
        return gzip != null && headerSent ? gzip.trailer() : null;
    }

    /** Completing waits for a write in flight, so it never runs under this object's lock nor on the caller's thread. */
    private void finish(byte[] trailer) {
        Thread.ofVirtual().name("seat-stream-close").start(() -> {
            try {
                if (trailer != null) {
                    emitter.send(trailer, MediaType.APPLICATION_OCTET_STREAM);
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone already
            }
            try {
                emitter.complete();
            } catch (IllegalStateException e) {
                // already completed by the container
            }
        });
    }
}
