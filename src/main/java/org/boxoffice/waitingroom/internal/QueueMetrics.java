package org.boxoffice.waitingroom.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.boxoffice.waitingroom.QueueStats;
import org.springframework.stereotype.Component;

/** Queue length, active buyers and admissions per event; rejections by reason. */
@Component
public class QueueMetrics {
    private final MeterRegistry registry;
    private final Map<Long, AtomicLong[]> gauges = new ConcurrentHashMap<>();

    QueueMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void observe(long eventId, QueueStats stats, int admitted) {
        AtomicLong[] values = gauges.computeIfAbsent(eventId, id -> {
            AtomicLong waiting = new AtomicLong();
            AtomicLong active = new AtomicLong();
            String event = String.valueOf(id);
            Gauge.builder("boxoffice.queue.waiting", waiting, AtomicLong::get).tag("event", event)
                    .description("Buyers waiting in the queue").register(registry);
            Gauge.builder("boxoffice.queue.active", active, AtomicLong::get).tag("event", event)
                    .description("Buyers holding an admission").register(registry);
            return new AtomicLong[] {waiting, active};
        });
        values[0].set(stats.waiting());
        values[1].set(stats.active());
        Counter.builder("boxoffice.queue.admitted").tag("event", String.valueOf(eventId))
                .description("Buyers admitted (rate: per minute in the dashboard)").register(registry).increment(admitted);
    }

    public void requeued(long eventId) {
        Counter.builder("boxoffice.queue.requeued").tag("event", String.valueOf(eventId))
                .description("Admissions that ran out without a purchase").register(registry).increment();
    }

    public void rejected(String reason) {
        Counter.builder("boxoffice.queue.rejected").tag("reason", reason)
                .description("Queue and admission requests refused").register(registry).increment();
    }
}
