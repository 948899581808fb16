package org.boxoffice.ordering.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

@Component
class OrderMetrics {
    private final MeterRegistry registry;
    private final Counter confirmed;
    private final Counter cancelled;

    OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.confirmed = Counter.builder("boxoffice.orders.confirmed").description("Orders confirmed").register(registry);
        this.cancelled = Counter.builder("boxoffice.orders.cancelled").description("Orders cancelled by their buyer").register(registry);
    }

    void confirmed() {
        confirmed.increment();
    }

    void cancelled() {
        cancelled.increment();
    }

    void failed(String reason) {
        Counter.builder("boxoffice.orders.failed").description("Checkouts that ended without an order").tag("reason", reason)
                .register(registry).increment();
    }
}
