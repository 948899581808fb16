package org.boxoffice.inventory.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.SeatsChanged;
import org.boxoffice.infrastructure.RedisConfigured;
import org.boxoffice.infrastructure.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The change feed across nodes: every seat script publishes "event|seq|position:status,..." and every node
 * turns it into a local {@link SeatsChanged}, so live seat maps follow changes made on any node.
 */
@Component
@Conditional(RedisConfigured.class)
class RedisSeatChanges extends RedisPubSubAdapter<String, String> {
    static final String CHANNEL = "boxoffice:seat-changes";
    private static final Logger log = LoggerFactory.getLogger(RedisSeatChanges.class);

    private final RedisConnections redis;
    private final CatalogService catalog;
    private final ApplicationEventPublisher events;
    private final Supplier<List<SeatsChanged>> resets;
    private final AtomicBoolean subscribedBefore = new AtomicBoolean();

    @Autowired
    RedisSeatChanges(RedisConnections redis, CatalogService catalog, ApplicationEventPublisher events,
                     ObjectProvider<RedisSeatInventory> inventory) {
        this(redis, catalog, events, () -> {
            RedisSeatInventory live = inventory.getIfAvailable(); // absent when a benchmark baseline keeps the seats
            return live == null ? List.of() : live.resets();
        });
    }

    /** {@code resets}: every event the node follows, to start over at its change number now. */
    RedisSeatChanges(RedisConnections redis, CatalogService catalog, ApplicationEventPublisher events,
                     Supplier<List<SeatsChanged>> resets) {
        this.redis = redis;
        this.catalog = catalog;
        this.events = events;
        this.resets = resets;
    }

    @EventListener(ApplicationReadyEvent.class)
    void subscribe() {
        redis.subscribe(CHANNEL, this);
    }

    /**
     * Subscribed again (Lettuce resubscribes after a reconnect; on a cluster the subscription may move to another node):
     * what was published meanwhile is lost, and a seat stream would only notice at its event's next change. So every
     * event the node follows starts over now, and its streams' clients get a fresh snapshot. Off the connection's I/O
     * thread, which the Redis reads for it would otherwise wait on.
     */
    @Override
    public void subscribed(String channel, long count) {
        if (subscribedBefore.getAndSet(true)) {
            Thread.ofVirtual().name("seat-feeds-start-over").start(this::startOver);
        }
    }

    private void startOver() {
        try {
            List<SeatsChanged> all = resets.get();
            all.forEach(events::publishEvent);
            log.info("The seat-change feed was subscribed again: the seat streams of {} events start over", all.size());
        } catch (RuntimeException e) {
            log.warn("The seat-change feed was subscribed again, but its events could not be read to start over: {}", e.getMessage());
        }
    }

    @Override
    public void message(String channel, String message) {
        try {
            events.publishEvent(parse(message));
        } catch (RuntimeException e) {
            log.warn("Ignoring a seat change message that cannot be read: {}", e.getMessage());
        }
    }

    private SeatsChanged parse(String message) {
        String[] parts = message.split("\\|", 3);
        long eventId = Long.parseLong(parts[0]);
        long seq = Long.parseLong(parts[1]);
        if ("!".equals(parts[2])) {
            return SeatsChanged.reset(eventId, seq);
        }
        SeatingPlan plan = catalog.plan(eventId);
        List<SeatsChanged.Change> changes = new ArrayList<>();
        for (String change : parts[2].split(",")) {
            int colon = change.indexOf(':');
            int position = Integer.parseInt(change.substring(0, colon));
            changes.add(new SeatsChanged.Change(plan.seat(position).id(),
                    SeatStatus.of((byte) (change.charAt(colon + 1) - '0'))));
        }
        // every changed seat counted once into seq, so the seq before this message is exact
        return new SeatsChanged(eventId, seq - changes.size(), seq, changes, false);
    }
}
