package org.boxoffice.seatmap.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.boxoffice.inventory.SeatStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One connected client. At most one send is in flight. Changes that come due meanwhile are merged (latest status
 * per seat, so memory stays bounded by the event's seat count) and go out as soon as the send in flight is done.
 * A client that falls more than {@code patience} ticks behind is dropped and catches up by reconnecting.
 * A new client starts busy: changes wait until its first message (the snapshot) is out.
 */
final class Subscriber {
    private final SseEmitter emitter;
    private final int patience;
    private final Function<EventStream.Tick, SseEmitter.SseEventBuilder> render;
    private final Map<Long, SeatStatus> backlog = new LinkedHashMap<>();
    private long backlogFrom = -1;
    private long backlogSeq = -1;
    private long startedAt = Long.MAX_VALUE;
    private int ticksBehind;
    private boolean sending = true;
    private boolean closed;

    Subscriber(SseEmitter emitter, int patience, Function<EventStream.Tick, SseEmitter.SseEventBuilder> render) {
        this.emitter = emitter;
        this.patience = patience;
        this.render = render;
    }

    /** Sends the first message (a snapshot or what the client missed), which shows the client's state at {@code seq}. */
    synchronized void start(long seq, SseEmitter.SseEventBuilder first) {
        startedAt = seq;
        if (first != null) {
            send(first);
        } else {
            sending = false;
            sendBacklog();
        }
    }

    /** The seq the client was brought up to when it connected. */
    synchronized long startedAt() {
        return startedAt;
    }

    synchronized void offerChanges(EventStream.Tick tick) {
        if (closed) {
            return;
        }
        if (backlogFrom < 0) {
            backlogFrom = tick.fromSeq();
        }
        backlog.putAll(tick.seats());
        backlogSeq = Math.max(backlogSeq, tick.toSeq());
        if (sending) {
            if (++ticksBehind > patience) {
                close();
            }
            return;
        }
        sendBacklog();
    }

    /** Sends a message now unless one is in flight (heartbeats simply skip a busy client). */
    synchronized void offer(SseEmitter.SseEventBuilder event) {
        if (!closed && !sending) {
            send(event);
        }
    }

    private void sendBacklog() {
        if (closed || backlog.isEmpty()) {
            return;
        }
        EventStream.Tick merged = new EventStream.Tick(backlogFrom, backlogSeq, Map.copyOf(backlog));
        backlog.clear();
        backlogFrom = -1;
        send(render.apply(merged));
    }

    private void send(SseEmitter.SseEventBuilder event) {
        sending = true;
        ticksBehind = 0;
        Thread.ofVirtual().name("sse-send").start(() -> {
            boolean failed = false;
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException e) {
                failed = true;
            }
            synchronized (this) {
                sending = false;
                if (failed) {
                    close();
                } else {
                    sendBacklog();
                }
            }
        });
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Completes the response; outside this object's lock, since completing waits for a send in flight. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            emitter.complete();
        } catch (IllegalStateException e) {
            // already completed by the container
        }
    }

    static List<Map<String, Object>> seats(Map<Long, SeatStatus> seats) {
        return seats.entrySet().stream()
                .map(e -> Map.<String, Object>of("id", String.valueOf(e.getKey()), "status", e.getValue().name()))
                .toList();
    }
}
