package org.boxoffice.infrastructure.web;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether the heap is nearly full of live objects: after each garbage collection, the heap still in use is compared
 * with its maximum. Above the high mark (90 % by default) the node sheds new work until a collection brings it below
 * the low mark again, so that it fails requests rather than itself. While it sheds, little is allocated and no
 * collection may come by itself: so it looks again every few seconds (see {@link #recheck}).
 */
@Component
public class MemoryPressure implements SmartLifecycle {
    private static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Duration FORCE_AT_MOST_EVERY = Duration.ofSeconds(30);
    private volatile long lastRequestedCollection = System.nanoTime() - FORCE_AT_MOST_EVERY.toNanos();
    private static final Logger log = LoggerFactory.getLogger(MemoryPressure.class);
    private final double high;
    private final double low;
    private volatile boolean pressed;
    private volatile double lastFraction;
    private ScheduledExecutorService rechecks;

    @Autowired
    MemoryPressure(HttpSettings settings, MeterRegistry registry) {
        this(settings.shedAboveHeapFraction(), registry);
    }

    MemoryPressure(double high, MeterRegistry registry) {
        this.high = high;
        this.low = high - 0.05;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        afterCollection(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                    }
                }, null, null);
            }
        }
        Gauge.builder("boxoffice.memory.pressure", this, p -> p.pressed ? 1 : 0)
                .description("1 while the heap after collection is above the shedding mark").register(registry);
    }

    private void afterCollection(GarbageCollectionNotificationInfo info) {
        long used = 0;
        long max = Runtime.getRuntime().maxMemory();
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            used += heapPool(pool.getKey()) ? pool.getValue().getUsed() : 0;
        }
        observe(used, max);
    }

    private static boolean heapPool(String name) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(pool -> pool.getName().equals(name) && pool.getType() == MemoryType.HEAP);
    }

    /** One reading of the heap after a collection: {@code used} of {@code max} bytes hold live objects. */
    void observe(long used, long max) {
        lastFraction = max <= 0 ? 0 : (double) used / max;
        boolean before = pressed;
        pressed = before ? lastFraction > low : lastFraction > high;
        if (pressed != before) {
            log.warn(pressed ? "Heap {}% full after collection: shedding new work until it drops"
                    : "Heap back to {}% after collection: taking new work again", Math.round(lastFraction * 100));
        }
    }

    /** True while new work should be refused. */
    public boolean high() {
        return pressed;
    }

    /**
     * While shedding: the heap in use now (garbage included) below the low mark proves the pressure has passed; failing
     * that, a collection is asked for at most every 30 s, whose notification gives a true reading. (With
     * -XX:+DisableExplicitGC the request does nothing, and the node waits for a collection of its own.)
     */
    private void recheck() {
        if (!pressed) {
            return;
        }
        long max = Runtime.getRuntime().maxMemory();
        observe(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), max);
        long now = System.nanoTime();
        if (pressed && now - lastRequestedCollection > FORCE_AT_MOST_EVERY.toNanos()) {
            lastRequestedCollection = now;
            System.gc();
        }
    }

    @Override
    public void start() {
        rechecks = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("memory-pressure").daemon().factory());
        rechecks.scheduleWithFixedDelay(this::recheck, RECHECK.toMillis(), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (rechecks != null) {
            rechecks.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return rechecks != null && !rechecks.isShutdown();
    }
}
