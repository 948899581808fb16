package org.boxoffice.inventory.redis;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import org.boxoffice.shared.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds events whose state in Redis cannot be trusted and has them rebuilt from the database: sales and returns Redis
 * missed while it was down are applied to their seats as soon as it answers (see {@link MissedChanges}); an event whose
 * state was built on another Redis server than the one answering now (restored from an old snapshot, or a replica
 * promoted by failover) is forgotten, so its next use rebuilds it: such a server says "loaded" but may lack any recent
 * hold and sale.
 */
final class StaleEvents {
    private static final Logger log = LoggerFactory.getLogger(StaleEvents.class);

    private final SeatScripts scripts;
    private final MissedChanges missed;
    private final Set<Long> knownEvents;
    private final LongConsumer forgetRecent;
    private final Clock clock;
    /** Events whose Redis state must be rebuilt: the server it was wrongly built on, or "" to rebuild it whatever. */
    private final Map<Long, String> stale = new ConcurrentHashMap<>();

    StaleEvents(SeatScripts scripts, MissedChanges missed, Set<Long> knownEvents, LongConsumer forgetRecent, Clock clock) {
        this.scripts = scripts;
        this.missed = missed;
        this.knownEvents = knownEvents;
        this.forgetRecent = forgetRecent;
        this.clock = clock;
    }

    /** One round; while Redis is away, nothing (the next round tries again). */
    void resync() {
        try {
            String server = scripts.serverIdentity();
            for (long eventId : knownEvents) {
                String builtOn = scripts.builtOn(eventId);
                if (builtOn != null && !builtOn.equals(server)) {
                    log.warn("Event {} was built on Redis {} but {} answers now: rebuilding it", eventId, builtOn, server);
                    stale.put(eventId, builtOn);
                }
            }
            for (long eventId : missed.apply(clock.instant(), forgetRecent)) {
                log.warn("The seats of event {} kept changing while a change Redis missed was applied: rebuilding it", eventId);
                stale.put(eventId, "");
            }
        } catch (Unavailable stillDown) {
            return;
        }
        for (Map.Entry<Long, String> entry : stale.entrySet()) {
            long eventId = entry.getKey();
            try {
                scripts.forget(eventId, entry.getValue());
                stale.remove(eventId, entry.getValue());
                forgetRecent.accept(eventId);
                log.info("Event {} will be rebuilt from the database", eventId);
            } catch (Unavailable stillDown) {
                return;
            }
        }
    }
}
