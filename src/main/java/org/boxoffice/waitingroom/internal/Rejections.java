package org.boxoffice.waitingroom.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.boxoffice.waitingroom.Queues;
import org.springframework.stereotype.Component;

/**
 * Refused requests per event and reason, for the fairness report. Counted in memory, where counting costs nothing
 * on the path that sheds load, and added to the queue store once a second (with the admission round), so the report
 * sums every node's. Only events whose waiting room is open are kept ({@link #countFor}), so made-up event ids in
 * refused requests leave nothing behind.
 */
@Component
public class Rejections {
    private final QueueMetrics metrics;
    private final Queues queues;
    private final Map<Long, Map<String, AtomicLong>> pending = new ConcurrentHashMap<>();

    Rejections(QueueMetrics metrics, Queues queues) {
        this.metrics = metrics;
        this.queues = queues;
    }

    /**
     * Keeps the counts of events whose waiting room is open, as each admission round sees them, and forgets the rest:
     * an event id a client made up is held for a second at most, and never reaches the store.
     */
    public void countFor(Set<Long> openRooms) {
        pending.keySet().retainAll(openRooms);
    }

    public void count(long eventId, String reason) {
        metrics.rejected(reason);
        pending.computeIfAbsent(eventId, id -> new ConcurrentHashMap<>()).computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** Adds what this node counted since the last time to the store; what cannot be added now is added next time. */
    public void flush() {
        pending.forEach((eventId, reasons) -> {
            Map<String, Long> counts = new HashMap<>();
            reasons.forEach((reason, adder) -> {
                long count = adder.getAndSet(0);
                if (count > 0) {
                    counts.put(reason, count);
                }
            });
            if (counts.isEmpty()) {
                return;
            }
            try {
                queues.addRejections(eventId, counts);
            } catch (RuntimeException storeAway) {
                counts.forEach((reason, count) -> reasons.get(reason).addAndGet(count));
                throw storeAway;
            }
        });
    }

    /** This node's counts not yet in the store. */
    Map<String, Long> unflushed(long eventId) {
        Map<String, Long> counts = new HashMap<>();
        pending.getOrDefault(eventId, Map.of()).forEach((reason, adder) -> counts.put(reason, adder.get()));
        return counts;
    }
}
