package org.boxoffice.inventory.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatCounts;
import org.boxoffice.inventory.SeatSnapshot;
import org.boxoffice.inventory.SeatsChanged;
import org.boxoffice.inventory.internal.RecordedSeats;
import org.springframework.context.ApplicationEventPublisher;
import org.boxoffice.infrastructure.RedisConfigured;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The embedded-mode inventory: seat state in this process, rebuilt per event from the database on first
 * use (after a restart, say). Fencing tokens continue per event from the largest one the database has seen.
 */
@Component
@Conditional(RedisConfigured.Not.class)
@ConditionalOnProperty(name = "boxoffice.inventory.strategy", havingValue = "live", matchIfMissing = true)
class InMemorySeatInventory implements SeatInventory {
    private final Holds holds;
    private final Map<Long, EventSeats> seatsByEvent = new ConcurrentHashMap<>();
    /**
     * The last fence each evicted event handed out: its holds may still be on their way to the database, so the
     * rebuilt state continues above them rather than from the database's largest.
     */
    private final Map<Long, Long> lastFences = new ConcurrentHashMap<>();
    private final Clock clock;

    private final ApplicationEventPublisher events;

    InMemorySeatInventory(Holds holds, Clock clock, ApplicationEventPublisher events) {
        this.holds = holds;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public PlaceResult place(SeatingPlan plan, String holdId, String userId, int[] positions, int userLimit,
                             Instant now, Instant expiresAt, Instant maxExpiresAt) {
        LiveHold hold = new LiveHold(holdId, plan.event().id(), userId, 0, positions, now, expiresAt, maxExpiresAt);
        return published(seats(plan), seats -> seats.place(hold, userLimit, now));
    }

    @Override
    public PlaceResult placeBest(SeatingPlan plan, String holdId, String userId, BestSeatsRequest request, int userLimit,
                                 Instant now, Instant expiresAt, Instant maxExpiresAt) {
        LiveHold template = new LiveHold(holdId, plan.event().id(), userId, 0, new int[0], now, expiresAt, maxExpiresAt);
        return published(seats(plan), seats -> seats.placeBest(request, template, userLimit, now));
    }

    @Override
    public Optional<LiveHold> find(SeatingPlan plan, String holdId, Instant now) {
        return published(seats(plan), seats -> seats.find(holdId, now));
    }

    @Override
    public Optional<LiveHold> extend(SeatingPlan plan, String holdId, Instant newExpiresAt, Instant now) {
        return published(seats(plan), seats -> seats.extend(holdId, newExpiresAt, now));
    }

    @Override
    public boolean release(SeatingPlan plan, String holdId, Instant now) {
        return published(seats(plan), seats -> seats.release(holdId, now));
    }

    @Override
    public void markSold(SeatingPlan plan, LiveHold hold) {
        published(seats(plan), seats -> {
            seats.markSold(hold);
            return null;
        });
    }

    @Override
    public void returnSold(SeatingPlan plan, String userId, int[] positions) {
        published(seats(plan), seats -> {
            seats.returnSold(userId, positions);
            return null;
        });
    }

    @Override
    public List<Integer> block(SeatingPlan plan, int[] positions, Instant now) {
        return published(seats(plan), seats -> seats.block(positions, now));
    }

    @Override
    public void unblock(SeatingPlan plan, int[] positions) {
        published(seats(plan), seats -> {
            seats.unblock(positions);
            return null;
        });
    }

    @Override
    public SeatSnapshot snapshot(SeatingPlan plan, Instant now) {
        return published(seats(plan), seats -> seats.snapshot(now));
    }

    @Override
    public SeatCounts counts(SeatingPlan plan, Instant now) {
        return published(seats(plan), seats -> seats.counts(now));
    }

    @Override
    public List<LiveHold> drainExpired(Instant now) {
        List<LiveHold> drained = new ArrayList<>();
        seatsByEvent.values().forEach(seats -> drained.addAll(published(seats, s -> s.drainExpired(now))));
        return drained;
    }

    @Override
    public void evict(long eventId) {
        EventSeats evicted = seatsByEvent.remove(eventId);
        if (evicted != null) {
            lastFences.merge(eventId, evicted.lastFence(), Math::max);
        }
    }

    /** Runs an operation, then tells every listener on this node which seats it changed (expiry included). */
    private <T> T published(EventSeats seats, java.util.function.Function<EventSeats, T> operation) {
        T result = operation.apply(seats);
        synchronized (seats) { // listeners see one event's changes in seq order
            seats.drainChanges().ifPresent(events::publishEvent);
        }
        return result;
    }

    private EventSeats seats(SeatingPlan plan) {
        return seatsByEvent.computeIfAbsent(plan.event().id(), id -> rebuild(plan));
    }

    private EventSeats rebuild(SeatingPlan plan) {
        // Seq numbers continue above any handed out before a restart: they start from the clock.
        long eventId = plan.event().id();
        EventSeats seats = new EventSeats(plan, clock.millis() * 1000, Math.max(holds.maxFence(eventId), lastFences.getOrDefault(eventId, 0L)));
        seats.restore(RecordedSeats.of(plan, holds.load(plan.event().id(), clock.instant())));
        // followers of the event's seat map start over from a snapshot of the rebuilt state
        events.publishEvent(SeatsChanged.reset(plan.event().id(), seats.snapshot(clock.instant()).seq()));
        return seats;
    }
}
