package org.boxoffice.inventory.redis;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.util.ArrayList;
import java.util.List;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.SeatsChanged;
import org.boxoffice.infrastructure.RedisConfigured;
import org.boxoffice.infrastructure.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    RedisSeatChanges(RedisConnections redis, CatalogService catalog, ApplicationEventPublisher events) {
        this.redis = redis;
        this.catalog = catalog;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void subscribe() {
        redis.subscribe(CHANNEL, this);
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
