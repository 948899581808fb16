package org.boxoffice.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counters for holds placed, rejected (by reason), released and expired. */
@Component
class HoldMetrics {
    private final MeterRegistry registry;
    private final Counter placed;
    private final Counter released;
    private final Counter expired;

    HoldMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.placed = Counter.builder("boxoffice.holds.placed").description("Holds placed").register(registry);
        this.released = Counter.builder("boxoffice.holds.released").description("Holds released by their owner").register(registry);
        this.expired = Counter.builder("boxoffice.holds.expired").description("Holds that reached their expiry").register(registry);
    }

    void placed() {
        placed.increment();
    }

    void released() {
        released.increment();
    }

    void expired(int count) {
        expired.increment(count);
    }

    void rejected(String reason) {
        Counter.builder("boxoffice.holds.rejected").description("Hold attempts refused").tag("reason", reason)
                .register(registry).increment();
    }
}
