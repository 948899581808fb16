package org.boxoffice.inventory.redis;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.shared.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds events whose state in Redis cannot be trusted and has them rebuilt from the database: sales and returns Redis
 * missed while it was down are applied to their seats as soon as it answers (see {@link MissedChanges}); an event whose
 * state was built on another Redis server than the one answering now (restored from an old snapshot, or a replica
 * promoted by failover) is forgotten, so its next use rebuilds it: such a server says "loaded" but may lack any recent
 * hold and sale. Every event is checked each second, and before any script after the node opened a new connection.
 */
final class StaleEvents {
    private static final Logger log = LoggerFactory.getLogger(StaleEvents.class);

    private final SeatScripts scripts;
    private final MissedChanges missed;
    private final Set<Long> knownEvents;
    private final LongConsumer forgetRecent;
    private final Clock clock;
    private final LongSupplier connectionsOpened;
    /** The node's count of opened Redis connections when every event was last checked; -1: never. */
    private volatile long checkedAt = -1;
    /** Events whose Redis state must be rebuilt: the server it was wrongly built on, or "" to rebuild it whatever. */
    private final Map<Long, String> stale = new ConcurrentHashMap<>();

    StaleEvents(SeatScripts scripts, MissedChanges missed, Set<Long> knownEvents, LongConsumer forgetRecent, Clock clock,
                LongSupplier connectionsOpened) {
        this.connectionsOpened = connectionsOpened;
        this.scripts = scripts;
        this.missed = missed;
        this.knownEvents = knownEvents;
        this.forgetRecent = forgetRecent;
        this.clock = clock;
    }

    /**
     * Before a script runs: when this node opened a connection to Redis since every event was last checked (a
     * reconnect, a replica promoted by Sentinel or by the cluster, a new cluster primary), checks them all first, so that
     * a server that lost writes its predecessor acknowledged hands out no seat before the event was rebuilt from the
     * database. Once checked, costs one read of a counter. Throws 503 while Redis cannot be checked.
     */
    void checkAfterNewConnections() {
        if (connectionsOpened.getAsLong() != checkedAt && !resync()) {
            throw new Unavailable("Booking is briefly unavailable while the seat inventory is checked; please retry shortly.",
                    RedisConnections.RETRY_AFTER_SECONDS);
        }
    }

    /** One round; true once every event was checked and every stale one forgotten, false while Redis is away. */
    synchronized boolean resync() {
        long opened = connectionsOpened.getAsLong();
        try {
            for (long eventId : knownEvents) {
                SeatScripts.Reply servers = scripts.server(eventId);
                String server = servers.text(1);
                String builtOn = servers.text(2);
                if (!builtOn.isEmpty() && !builtOn.equals(server)) {
                    log.warn("Event {} was built on Redis {} but {} answers now: rebuilding it", eventId, builtOn, server);
                    stale.put(eventId, builtOn);
                }
            }
            for (long eventId : missed.apply(clock.instant(), forgetRecent)) {
                log.warn("The seats of event {} kept changing while a change Redis missed was applied: rebuilding it", eventId);
                stale.put(eventId, "");
            }
        } catch (Unavailable stillDown) {
            return false;
        }
        for (Map.Entry<Long, String> entry : stale.entrySet()) {
            long eventId = entry.getKey();
            try {
                scripts.forget(eventId, entry.getValue());
                stale.remove(eventId, entry.getValue());
                forgetRecent.accept(eventId);
                log.info("Event {} will be rebuilt from the database", eventId);
            } catch (Unavailable stillDown) {
                return false;
            }
        }
        checkedAt = opened;
        return true;
    }
}
