package org.boxoffice.inventory.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatCounts;
import org.boxoffice.inventory.SeatSnapshot;
import org.boxoffice.inventory.SeatsChanged;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.internal.BestAvailableSeats;
import org.boxoffice.infrastructure.RedisConfigured;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.inventory.redis.SeatScripts.Outcome;
import org.boxoffice.inventory.redis.SeatScripts.Reply;
import org.boxoffice.shared.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The distributed inventory: each event's seats live in Redis, every operation is one Lua script, so all nodes
 * see one state and every check-and-set is atomic. Redis is an accelerator: an event whose keys are missing
 * (first use, restart without persistence, FLUSHALL, failover) refuses every operation until it has been
 * rebuilt from the database, so an empty Redis never hands out a seat the database knows is taken.
 */
@Component
@Conditional(RedisConfigured.class)
@ConditionalOnProperty(name = "boxoffice.inventory.strategy", havingValue = "live", matchIfMissing = true)
class RedisSeatInventory implements SeatInventory {
    private static final Logger log = LoggerFactory.getLogger(RedisSeatInventory.class);
    private static final int BEST_ATTEMPTS = 32;

    private final SeatScripts scripts;
    private final Clock clock;
    private final Set<Long> knownEvents = ConcurrentHashMap.newKeySet();
    private final MissedChanges missed;
    private final StaleEvents staleEvents;
    private final EventRebuilds rebuilds;
    private final RecentSeatStates recent = new RecentSeatStates();
    private final RecentRefusals refusals;
    private final RecentCounts counts;

    @Autowired
    RedisSeatInventory(RedisConnections redis, Holds holds, Clock clock) {
        this(redis, holds, clock, System::nanoTime);
    }

    /** With a clock of real time of the test's own, for how long a refusal is repeated (see {@link RecentRefusals}). */
    RedisSeatInventory(RedisConnections redis, Holds holds, Clock clock, LongSupplier nanoTime) {
        this.refusals = new RecentRefusals(nanoTime);
        this.counts = new RecentCounts(nanoTime);
        this.scripts = new SeatScripts(redis);
        this.missed = new MissedChanges(scripts, holds);
        this.clock = clock;
        this.rebuilds = new EventRebuilds(scripts, holds, clock, this::forgetRecent);
        this.staleEvents = new StaleEvents(scripts, missed, knownEvents, this::forgetRecent, clock, redis::connectionsOpened);
    }

    /** Refused at once when this node saw one of the seats taken a moment ago (see {@link RecentRefusals}), else one script call. */
    @Override
    public PlaceResult place(SeatingPlan plan, String holdId, String userId, int[] positions, int userLimit,
                             Instant now, Instant expiresAt, Instant maxExpiresAt) {
        List<Integer> seenTaken = refusals.stillTaken(plan.event().id(), positions, now.toEpochMilli());
        if (!seenTaken.isEmpty()) {
            return new PlaceResult.Unavailable(seenTaken);
        }
        return placeInRedis(plan, holdId, userId, positions, userLimit, now, expiresAt, maxExpiresAt);
    }

    /** The place script; what it refuses is remembered, and what it found free among the seats asked for is forgotten. */
    private PlaceResult placeInRedis(SeatingPlan plan, String holdId, String userId, int[] positions, int userLimit,
                                     Instant now, Instant expiresAt, Instant maxExpiresAt) {
        long eventId = plan.event().id();
        long asked = refusals.now();
        Reply result = run(plan, () -> scripts.place(eventId, now, holdId, userId, userLimit, expiresAt, maxExpiresAt, positions));
        return switch (result.outcome()) {
            case DONE -> {
                recent.taken(plan, positions);
                counts.forget(eventId);
                yield new PlaceResult.Placed(new LiveHold(holdId, eventId, userId, result.number(1), positions,
                        now, expiresAt, maxExpiresAt));
            }
            case OVER_LIMIT -> new PlaceResult.LimitExceeded((int) result.number(1));
            case NOT_LOADED -> throw new IllegalStateException("run() answers only once the event is loaded");
            case REFUSED -> {
                List<Integer> taken = result.positionsFrom(2);
                long earliestExpiry = result.number(1);
                refusals.refused(eventId, taken, earliestExpiry < 0 ? Long.MAX_VALUE : earliestExpiry, asked);
                refusals.free(eventId, IntStream.of(positions).filter(p -> !taken.contains(p)).boxed().toList(), asked);
                yield new PlaceResult.Unavailable(taken);
            }
        };
    }

    /**
     * Chooses on the node's recent read of the seat states, then places atomically. When another buyer was faster, it
     * chooses again on a newer read, at random among a few of the best placements (more with every lost race) so that
     * the buyers who lost spread out instead of rushing the same block again; "not enough seats" only when a read made
     * for this request has no matching block at all. Choosing the single best block each time made concurrent buyers
     * collide over and over, and some gave up with thousands of seats free.
     */
    @Override
    public PlaceResult placeBest(SeatingPlan plan, String holdId, String userId, BestSeatsRequest request, int userLimit,
                                 Instant now, Instant expiresAt, Instant maxExpiresAt) {
        Supplier<byte[]> read = () -> snapshot(plan, now).statuses();
        long minRead = 0;
        for (int attempt = 0; attempt < BEST_ATTEMPTS; attempt++) {
            int among = Math.min(1 + 4 * attempt, 64);
            RecentSeatStates.Choice choice = recent.choose(plan, request, among, minRead, now, read);
            if (choice.positions() == null) {
                choice = recent.choose(plan, request, among, choice.read() + 1, now, read);
                if (choice.positions() == null) {
                    return new PlaceResult.NotEnoughSeats();
                }
            }
            int[] chosen = choice.positions();
            // not refused from memory: the read chosen on is at most as old as what is remembered, and may know better
            PlaceResult result = placeInRedis(plan, holdId, userId, chosen, userLimit, now, expiresAt, maxExpiresAt);
            switch (result) {
                case PlaceResult.Unavailable unavailable -> {
                    recent.refused(plan, choice, unavailable.positions());
                    minRead = choice.read() + 1;
                }
                case PlaceResult.Placed placed -> {
                    return placed;
                }
                default -> {
                    recent.unused(plan, choice);
                    return result;
                }
            }
        }
        throw new Unavailable("Seats are selling too fast to choose the best ones; please retry", 1);
    }

    @Override
    public Optional<LiveHold> find(SeatingPlan plan, String holdId, Instant now) {
        return liveHold(plan, run(plan, () -> scripts.find(plan.event().id(), now, holdId)));
    }

    @Override
    public Optional<LiveHold> extend(SeatingPlan plan, String holdId, Instant newExpiresAt, Instant now) {
        return liveHold(plan, run(plan, () -> scripts.extend(plan.event().id(), now, holdId, newExpiresAt)));
    }

    private static Optional<LiveHold> liveHold(SeatingPlan plan, Reply result) {
        return result.outcome() == Outcome.DONE ? Optional.of(result.holdsFrom(1).getFirst().live(plan.event().id())) : Optional.empty();
    }

    @Override
    public boolean release(SeatingPlan plan, String holdId, Instant now) {
        boolean released = run(plan, () -> scripts.release(plan.event().id(), now, holdId)).outcome() == Outcome.DONE;
        forgetRecent(plan.event().id());
        return released;
    }

    /** The sale is already committed; if Redis cannot be told now, the event is rebuilt once it can. */
    @Override
    public void markSold(SeatingPlan plan, LiveHold hold) {
        followDatabase(new MissedChanges.Change(plan, hold.holdId(), hold.userId(), hold.positions()),
                now -> scripts.sold(plan.event().id(), now, hold.holdId(), hold.userId(), hold.positions()));
    }

    @Override
    public void returnSold(SeatingPlan plan, String userId, int[] positions) {
        followDatabase(new MissedChanges.Change(plan, "", userId, positions),
                now -> scripts.returned(plan.event().id(), now, userId, positions));
        forgetRecent(plan.event().id());
    }

    private void followDatabase(MissedChanges.Change change, Function<Instant, Reply> script) {
        SeatingPlan plan = change.plan();
        long eventId = plan.event().id();
        Instant now = clock.instant();
        try {
            if (script.apply(now).outcome() == Outcome.NOT_LOADED) {
                // Redis lost the event: a rebuild that read the database before this change committed may win, so
                // apply the change again once the event is back, and failing that, rebuild it later.
                rebuilds.rebuild(plan);
                if (script.apply(now).outcome() == Outcome.NOT_LOADED) {
                    missed.add(change);
                }
            }
        } catch (RuntimeException unavailable) {
            missed.add(change);
        }
        counts.forget(eventId);
    }

    @Override
    public List<Integer> block(SeatingPlan plan, int[] positions, Instant now) {
        Reply result = run(plan, () -> scripts.block(plan.event().id(), now, positions));
        if (result.outcome() == Outcome.DONE) {
            recent.taken(plan, positions);
            counts.forget(plan.event().id());
            return List.of();
        }
        return result.positionsFrom(1);
    }

    @Override
    public void unblock(SeatingPlan plan, int[] positions) {
        int[] sellable = IntStream.of(positions).filter(p -> plan.seat(p).categoryId() != null).toArray();
        if (sellable.length > 0) {
            run(plan, () -> scripts.unblock(plan.event().id(), clock.instant(), sellable));
            forgetRecent(plan.event().id());
        }
    }

    @Override
    public SeatSnapshot snapshot(SeatingPlan plan, Instant now) {
        Reply result = run(plan, () -> scripts.snapshot(plan.event().id(), now));
        String states = result.text(2);
        byte[] statuses = new byte[plan.size()];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = (byte) (states.charAt(i) - '0');
        }
        return new SeatSnapshot(result.number(1), statuses);
    }

    /** Shared by the node's reads for a moment (see {@link RecentCounts}): they are for showing, nothing is decided on them. */
    @Override
    public SeatCounts counts(SeatingPlan plan, Instant now) {
        return counts.get(plan.event().id(), now.toEpochMilli(), () -> {
            Reply result = run(plan, () -> scripts.counts(plan.event().id(), now));
            long earliestExpiry = result.number(6);
            return new RecentCounts.Counted(new SeatCounts((int) result.number(2), (int) result.number(3), (int) result.number(4),
                    (int) result.number(5)), earliestExpiry < 0 ? Long.MAX_VALUE : earliestExpiry);
        });
    }

    @Override
    public List<LiveHold> drainExpired(Instant now) {
        List<LiveHold> expired = new ArrayList<>();
        for (long eventId : knownEvents) {
            Reply result;
            try {
                result = scripts.drain(eventId, now);
            } catch (RuntimeException e) {
                if (expired.isEmpty()) {
                    throw e;
                }
                // the failed script took nothing; the holds drained already from other events must not be lost with it
                log.warn("Expired holds of event {} and later events wait for the next sweep: {}", eventId, e.getMessage());
                return expired;
            }
            if (result.outcome() == Outcome.DONE && result.values().size() > 1) {
                result.holdsFrom(1).forEach(hold -> expired.add(hold.live(eventId)));
                forgetRecent(eventId);
            }
        }
        return expired;
    }

    @Override
    public void evict(long eventId) {
        forgetRecent(eventId);
        scripts.forget(eventId, "");
    }

    /** Each event this node follows (and Redis holds), as a reset at its change number now: see {@link RedisSeatChanges#subscribed}. */
    List<SeatsChanged> resets() {
        List<SeatsChanged> resets = new ArrayList<>();
        for (long eventId : knownEvents) {
            Reply counted = scripts.counts(eventId, clock.instant());
            if (counted.outcome() == Outcome.DONE) {
                resets.add(SeatsChanged.reset(eventId, counted.number(1)));
            }
        }
        return resets;
    }

    /** Every second: see {@link StaleEvents}; refusals this node no longer needs are dropped too. */
    @Scheduled(fixedDelay = 1000)
    void resyncStaleEvents() {
        refusals.dropIdle();
        staleEvents.resync();
    }

    /** This node freed seats of the event, or its state in Redis changed under it: what the node remembers of it is read anew. */
    private void forgetRecent(long eventId) {
        recent.forget(eventId);
        refusals.forget(eventId);
        counts.forget(eventId);
    }

    /** Runs a script for the event; when Redis has no state for it, rebuilds it from the database and runs again. */
    private Reply run(SeatingPlan plan, Supplier<Reply> script) {
        knownEvents.add(plan.event().id());
        staleEvents.checkAfterNewConnections();
        Reply result = script.get();
        if (result.outcome() == Outcome.NOT_LOADED) {
            rebuilds.rebuild(plan);
            result = script.get();
            if (result.outcome() == Outcome.NOT_LOADED) {
                throw new Unavailable("The seat inventory is being rebuilt; please retry", RedisConnections.RETRY_AFTER_SECONDS);
            }
        }
        return result;
    }
}
