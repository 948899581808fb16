package org.boxoffice.seatmap.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.boxoffice.inventory.SeatStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One connected client. At most one send is in flight. Changes that come due while the client is still
 * receiving are merged (latest status per seat, so memory stays bounded by the event's seat count); a client
 * that falls more than {@code patience} ticks behind is dropped and catches up by reconnecting.
 */
final class Subscriber {
    private final SseEmitter emitter;
    private final int patience;
    private final Map<Long, SeatStatus> backlog = new LinkedHashMap<>();
    private long backlogSeq = -1;
    private int ticksBehind;
    private boolean sending;
    private boolean closed;

    Subscriber(SseEmitter emitter, int patience) {
        this.emitter = emitter;
        this.patience = patience;
    }

    /** Queues a change tick for sending; {@code render} turns the merged changes into the message. */
    synchronized void offerChanges(EventStream.Tick tick, Function<EventStream.Tick, SseEmitter.SseEventBuilder> render) {
        if (closed) {
            return;
        }
        backlog.putAll(tick.seats());
        backlogSeq = Math.max(backlogSeq, tick.toSeq());
        if (sending) {
            if (++ticksBehind > patience) {
                close();
            }
            return;
        }
        EventStream.Tick merged = new EventStream.Tick(tick.fromSeq(), backlogSeq, Map.copyOf(backlog));
        backlog.clear();
        send(render.apply(merged));
    }

    /** Sends a message now unless one is in flight (heartbeats simply skip a busy client). */
    synchronized void offer(SseEmitter.SseEventBuilder event) {
        if (!closed && !sending) {
            send(event);
        }
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
                }
            }
        });
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                emitter.complete();
            } catch (IllegalStateException e) {
                // already completed by the container
            }
        }
    }

    static List<Map<String, Object>> seats(Map<Long, SeatStatus> seats) {
        return seats.entrySet().stream()
                .map(e -> Map.<String, Object>of("id", String.valueOf(e.getKey()), "status", e.getValue().name()))
                .toList();
    }
}
