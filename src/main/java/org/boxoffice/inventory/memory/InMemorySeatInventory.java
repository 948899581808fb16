package org.boxoffice.inventory.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatSnapshot;
import org.springframework.stereotype.Component;

/**
 * The embedded-mode inventory: seat state in this process, rebuilt per event from the database on first
 * use (after a restart, say). Fencing tokens continue from the largest one the database has seen.
 */
@Component
class InMemorySeatInventory implements SeatInventory {
    private final Holds holds;
    private final Map<Long, EventSeats> events = new ConcurrentHashMap<>();
    private final AtomicLong fence = new AtomicLong(-1);
    private final Clock clock;

    InMemorySeatInventory(Holds holds, Clock clock) {
        this.holds = holds;
        this.clock = clock;
    }

    /** Fencing tokens only grow, also across restarts: they continue from the largest the database has seen. */
    private long next() {
        if (fence.get() < 0) {
            synchronized (fence) {
                if (fence.get() < 0) {
                    fence.set(holds.maxFence());
                }
            }
        }
        return fence.incrementAndGet();
    }

    @Override
    public PlaceResult place(SeatingPlan plan, String holdId, String userId, int[] positions, int userLimit,
                             Instant now, Instant expiresAt, Instant maxExpiresAt) {
        LiveHold hold = new LiveHold(holdId, plan.event().id(), userId, next(), positions, now, expiresAt, maxExpiresAt);
        return seats(plan).place(hold, userLimit, now);
    }

    @Override
    public PlaceResult placeBest(SeatingPlan plan, String holdId, String userId, BestSeatsRequest request, int userLimit,
                                 Instant now, Instant expiresAt, Instant maxExpiresAt) {
        LiveHold template = new LiveHold(holdId, plan.event().id(), userId, next(), new int[0], now, expiresAt, maxExpiresAt);
        return seats(plan).placeBest(request, template, userLimit, now);
    }

    @Override
    public Optional<LiveHold> find(SeatingPlan plan, String holdId, Instant now) {
        return seats(plan).find(holdId, now);
    }

    @Override
    public Optional<LiveHold> extend(SeatingPlan plan, String holdId, Instant newExpiresAt, Instant now) {
        return seats(plan).extend(holdId, newExpiresAt, now);
    }

    @Override
    public boolean release(SeatingPlan plan, String holdId, Instant now) {
        return seats(plan).release(holdId, now);
    }

    @Override
    public void markSold(SeatingPlan plan, LiveHold hold) {
        seats(plan).markSold(hold);
    }

    @Override
    public void returnSold(SeatingPlan plan, String userId, int[] positions) {
        EventSeats seats = events.get(plan.event().id());
        if (seats != null) {
            seats.returnSold(userId, positions);
        }
    }

    @Override
    public List<Integer> block(SeatingPlan plan, int[] positions, Instant now) {
        return seats(plan).block(positions, now);
    }

    @Override
    public void unblock(SeatingPlan plan, int[] positions) {
        EventSeats seats = events.get(plan.event().id());
        if (seats != null) {
            seats.unblock(positions);
        }
    }

    @Override
    public SeatSnapshot snapshot(SeatingPlan plan, Instant now) {
        return seats(plan).snapshot(now);
    }

    @Override
    public List<LiveHold> drainExpired(Instant now) {
        List<LiveHold> drained = new ArrayList<>();
        events.values().forEach(seats -> drained.addAll(seats.drainExpired(now)));
        return drained;
    }

    @Override
    public void evict(long eventId) {
        events.remove(eventId);
    }

    private EventSeats seats(SeatingPlan plan) {
        return events.computeIfAbsent(plan.event().id(), id -> rebuild(plan));
    }

    private EventSeats rebuild(SeatingPlan plan) {
        EventSeats seats = new EventSeats(plan);
        Holds.EventRecord record = holds.load(plan.event().id(), clock.instant());
        record.blockedSeatIds().forEach(id -> positionOf(plan, id).ifPresent(seats::restoreBlocked));
        record.soldSeatOwners().forEach((id, user) -> positionOf(plan, id).ifPresent(p -> seats.restoreSold(p, user)));
        for (Holds.StoredHold stored : record.activeHolds()) {
            int[] positions = stored.seatIds().stream().mapToInt(plan::positionOf).filter(p -> p >= 0).toArray();
            seats.restore(new LiveHold(stored.holdId(), stored.eventId(), stored.userId(), stored.fence(), positions,
                    stored.createdAt(), stored.expiresAt(), stored.maxExpiresAt()));
        }
        return seats;
    }

    private static java.util.OptionalInt positionOf(SeatingPlan plan, long seatId) {
        int position = plan.positionOf(seatId);
        return position < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(position);
    }
}
