package org.boxoffice.inventory.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.infrastructure.OneLoadAtATime;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.SeatCounts;
import org.boxoffice.inventory.internal.RecordedSeats;
import org.boxoffice.inventory.redis.SeatScripts.Outcome;
import org.boxoffice.inventory.redis.SeatScripts.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an event's state in Redis from the database's record: on first use, and whenever Redis lost it (restart
 * without persistence, FLUSHALL, failover). When many requests find the event missing at once, one of them rebuilds it
 * and the others wait for that; the load script keeps a rebuild another node made meanwhile.
 */
final class EventRebuilds {
    private static final Logger log = LoggerFactory.getLogger(EventRebuilds.class);
    /**
     * After a rebuild the event's fencing counter restarts this far above the database's largest token, so that
     * holds granted after the rebuild outrank any granted before it whose database write was still in flight.
     */
    static final long FENCE_GAP_AFTER_REBUILD = 1_000_000;

    private final SeatScripts scripts;
    private final Holds holds;
    private final Clock clock;
    private final LongConsumer forgetRecent;
    private final OneLoadAtATime<Long, Boolean> running = new OneLoadAtATime<>();

    EventRebuilds(SeatScripts scripts, Holds holds, Clock clock, LongConsumer forgetRecent) {
        this.scripts = scripts;
        this.holds = holds;
        this.clock = clock;
        this.forgetRecent = forgetRecent;
    }

    void rebuild(SeatingPlan plan) {
        running.load(plan.event().id(), () -> {
            load(plan);
            return Boolean.TRUE;
        });
    }

    private void load(SeatingPlan plan) {
        long eventId = plan.event().id();
        forgetRecent.accept(eventId);
        Instant now = clock.instant();
        RecordedSeats recorded = RecordedSeats.of(plan, holds.load(eventId, now));
        StringBuilder states = new StringBuilder(plan.size());
        for (byte status : recorded.statuses()) {
            states.append((char) ('0' + status));
        }
        List<RedisHold> live = recorded.holds().stream().map(RedisHold::of).toList();
        List<Object[]> sold = new ArrayList<>();
        recorded.soldTo().forEach((position, user) -> sold.add(new Object[] {position, user}));
        Reply result = scripts.load(eventId, now, new SeatScripts.Rebuild(states.toString(), now.toEpochMilli() * 1000,
                holds.maxFence(eventId) + FENCE_GAP_AFTER_REBUILD, live, sold,
                SeatCounts.of(recorded.statuses())));
        if (result.outcome() == Outcome.DONE) {
            log.info("Rebuilt the seat inventory of event {} in Redis from the database ({} holds, {} sold seats)",
                    eventId, live.size(), sold.size());
        }
    }
}
