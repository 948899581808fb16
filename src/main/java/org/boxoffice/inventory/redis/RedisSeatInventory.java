package org.boxoffice.inventory.redis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.SeatCounts;
import org.boxoffice.inventory.SeatSnapshot;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.internal.BestAvailableSeats;
import org.boxoffice.inventory.internal.RecordedSeats;
import org.boxoffice.shared.RedisConfigured;
import org.boxoffice.shared.RedisConnections;
import org.boxoffice.shared.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    /**
     * After a rebuild the event's fencing counter restarts this far above the database's largest token, so that
     * holds granted after the rebuild outrank any granted before it whose database write was still in flight.
     */
    static final long FENCE_GAP_AFTER_REBUILD = 1_000_000;
    private static final int BEST_ATTEMPTS = 32;

    private final SeatScripts scripts;
    private final Holds holds;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<Long> knownEvents = ConcurrentHashMap.newKeySet();
    /** Events whose Redis state must be rebuilt: the server it was wrongly built on, or "" to rebuild it whatever. */
    private final Map<Long, String> stale = new ConcurrentHashMap<>();
    private final MissedChanges missed;
    private final Map<Long, CompletableFuture<Void>> loads = new ConcurrentHashMap<>();
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
        this.holds = holds;
        this.missed = new MissedChanges(scripts, holds);
        this.clock = clock;
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
        List<Object> result = run(plan, "place", ms(now), holdId, userId, String.valueOf(userLimit), ms(now), ms(expiresAt),
                ms(maxExpiresAt), csv(positions));
        return switch ((int) code(result)) {
            case 1 -> {
                recent.taken(plan, positions);
                counts.forget(eventId);
                yield new PlaceResult.Placed(new LiveHold(holdId, eventId, userId, number(result, 1), positions,
                        now, expiresAt, maxExpiresAt));
            }
            case 2 -> new PlaceResult.LimitExceeded((int) number(result, 1));
            default -> {
                List<Integer> taken = result.subList(2, result.size()).stream().map(o -> (int) ((Long) o).longValue()).toList();
                long earliestExpiry = number(result, 1);
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
        List<Object> result = run(plan, "find", ms(now), holdId);
        return code(result) == 1 ? Optional.of(hold(plan.event().id(), (String) result.get(1))) : Optional.empty();
    }

    @Override
    public Optional<LiveHold> extend(SeatingPlan plan, String holdId, Instant newExpiresAt, Instant now) {
        List<Object> result = run(plan, "extend", ms(now), holdId, ms(newExpiresAt));
        return code(result) == 1 ? Optional.of(hold(plan.event().id(), (String) result.get(1))) : Optional.empty();
    }

    @Override
    public boolean release(SeatingPlan plan, String holdId, Instant now) {
        boolean released = code(run(plan, "release", ms(now), holdId)) == 1;
        forgetRecent(plan.event().id());
        return released;
    }

    /** The sale is already committed; if Redis cannot be told now, the event is rebuilt once it can. */
    @Override
    public void markSold(SeatingPlan plan, LiveHold hold) {
        followDatabase(new MissedChanges.Change(plan, hold.holdId(), hold.userId(), hold.positions()), "sold", hold.holdId(),
                hold.userId(), csv(hold.positions()));
    }

    @Override
    public void returnSold(SeatingPlan plan, String userId, int[] positions) {
        followDatabase(new MissedChanges.Change(plan, "", userId, positions), "returned", userId, csv(positions));
        forgetRecent(plan.event().id());
    }

    private void followDatabase(MissedChanges.Change change, String script, String... args) {
        SeatingPlan plan = change.plan();
        long eventId = plan.event().id();
        String[] withNow = new String[args.length + 1];
        withNow[0] = ms(clock.instant());
        System.arraycopy(args, 0, withNow, 1, args.length);
        try {
            if (code(scripts.run(script, eventId, withArgs(eventId, withNow))) == -1) {
                // Redis lost the event: a rebuild that read the database before this change committed may win, so
                // apply the change again once the event is back, and failing that, rebuild it later.
                loadOnce(plan);
                if (code(scripts.run(script, eventId, withArgs(eventId, withNow))) == -1) {
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
        List<Object> result = run(plan, "block", ms(now), csv(positions));
        if (code(result) == 1) {
            recent.taken(plan, positions);
            counts.forget(plan.event().id());
        }
        return code(result) == 1 ? List.of() : result.subList(1, result.size()).stream().map(o -> (int) ((Long) o).longValue()).toList();
    }

    @Override
    public void unblock(SeatingPlan plan, int[] positions) {
        int[] sellable = IntStream.of(positions).filter(p -> plan.seat(p).categoryId() != null).toArray();
        if (sellable.length > 0) {
            run(plan, "unblock", ms(clock.instant()), csv(sellable));
            forgetRecent(plan.event().id());
        }
    }

    @Override
    public SeatSnapshot snapshot(SeatingPlan plan, Instant now) {
        List<Object> result = run(plan, "snapshot", ms(now));
        String states = (String) result.get(2);
        byte[] statuses = new byte[plan.size()];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = (byte) (states.charAt(i) - '0');
        }
        return new SeatSnapshot(number(result, 1), statuses);
    }

    /** Shared by the node's reads for a moment (see {@link RecentCounts}): they are for showing, nothing is decided on them. */
    @Override
    public SeatCounts counts(SeatingPlan plan, Instant now) {
        return counts.get(plan.event().id(), now.toEpochMilli(), () -> {
            List<Object> result = run(plan, "counts", ms(now));
            long earliestExpiry = number(result, 6);
            return new RecentCounts.Counted(new SeatCounts((int) number(result, 2), (int) number(result, 3), (int) number(result, 4),
                    (int) number(result, 5)), earliestExpiry < 0 ? Long.MAX_VALUE : earliestExpiry);
        });
    }

    @Override
    public List<LiveHold> drainExpired(Instant now) {
        List<LiveHold> expired = new ArrayList<>();
        for (long eventId : knownEvents) {
            List<Object> result;
            try {
                result = scripts.run("drain", eventId, withArgs(eventId, ms(now)));
            } catch (RuntimeException e) {
                if (expired.isEmpty()) {
                    throw e;
                }
                // the failed script took nothing; the holds drained already from other events must not be lost with it
                log.warn("Expired holds of event {} and later events wait for the next sweep: {}", eventId, e.getMessage());
                return expired;
            }
            if (code(result) == 1 && result.size() > 1) {
                for (Object raw : result.subList(1, result.size())) {
                    expired.add(hold(eventId, (String) raw));
                }
                forgetRecent(eventId);
            }
        }
        return expired;
    }

    @Override
    public void evict(long eventId) {
        forgetRecent(eventId);
        scripts.run("forget", eventId, String.valueOf(eventId), "0", "");
    }

    /**
     * Sales and returns Redis missed while it was down are applied to their seats as soon as it answers (see
     * {@link MissedChanges}). An event whose state was built on another Redis server than the one answering now
     * (restored from an old snapshot, or a replica promoted by failover) is rebuilt: such a server says "loaded" but
     * may lack any recent hold and sale.
     */
    @Scheduled(fixedDelay = 1000)
    void resyncStaleEvents() {
        refusals.dropIdle();
        try {
            String server = scripts.serverIdentity();
            for (long eventId : knownEvents) {
                String builtOn = scripts.builtOn(eventId);
                if (builtOn != null && !builtOn.equals(server)) {
                    log.warn("Event {} was built on Redis {} but {} answers now: rebuilding it", eventId, builtOn, server);
                    stale.put(eventId, builtOn);
                }
            }
            for (long eventId : missed.apply(clock.instant(), this::forgetRecent)) {
                log.warn("The seats of event {} kept changing while a change Redis missed was applied: rebuilding it", eventId);
                stale.put(eventId, "");
            }
        } catch (Unavailable stillDown) {
            return;
        }
        for (Map.Entry<Long, String> entry : stale.entrySet()) {
            long eventId = entry.getKey();
            try {
                scripts.run("forget", eventId, String.valueOf(eventId), "0", entry.getValue());
                stale.remove(eventId, entry.getValue());
                forgetRecent(eventId);
                log.info("Event {} will be rebuilt from the database", eventId);
            } catch (Unavailable stillDown) {
                return;
            }
        }
    }

    /** This node freed seats of the event, or its state in Redis changed under it: what the node remembers of it is read anew. */
    private void forgetRecent(long eventId) {
        recent.forget(eventId);
        refusals.forget(eventId);
        counts.forget(eventId);
    }

    /** Runs a script for the event; when Redis has no state for it, rebuilds it from the database and runs again. */
    private List<Object> run(SeatingPlan plan, String script, String... args) {
        long eventId = plan.event().id();
        knownEvents.add(eventId);
        List<Object> result = scripts.run(script, eventId, withArgs(eventId, args));
        if (code(result) == -1) {
            loadOnce(plan);
            result = scripts.run(script, eventId, withArgs(eventId, args));
            if (code(result) == -1) {
                throw new Unavailable("The seat inventory is being rebuilt; please retry", RedisConnections.RETRY_AFTER_SECONDS);
            }
        }
        return result;
    }

    /** When many requests find an event missing at once, one of them rebuilds it and the others wait for that. */
    private void loadOnce(SeatingPlan plan) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = loads.putIfAbsent(plan.event().id(), mine);
        if (running != null) {
            try {
                running.join();
                return;
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        try {
            load(plan);
            mine.complete(null);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loads.remove(plan.event().id(), mine);
        }
    }

    private void load(SeatingPlan plan) {
        long eventId = plan.event().id();
        forgetRecent(eventId);
        Instant now = clock.instant();
        RecordedSeats recorded = RecordedSeats.of(plan, holds.load(eventId, now));
        StringBuilder states = new StringBuilder(plan.size());
        for (byte status : recorded.statuses()) {
            states.append((char) ('0' + status));
        }
        List<Map<String, Object>> live = new ArrayList<>();
        for (LiveHold hold : recorded.holds()) {
            Map<String, Object> entry = new HashMap<>();
            entry.put("i", hold.holdId());
            entry.put("u", hold.userId());
            entry.put("f", hold.fence());
            entry.put("c", ms(hold.createdAt()));
            entry.put("e", ms(hold.expiresAt()));
            entry.put("m", ms(hold.maxExpiresAt()));
            entry.put("p", hold.positions());
            live.add(entry);
        }
        List<Object[]> sold = new ArrayList<>();
        recorded.soldTo().forEach((position, user) -> sold.add(new Object[] {position, user}));
        SeatCounts counts = SeatCounts.of(recorded.statuses());
        List<Object> result = scripts.run("load", eventId, withArgs(eventId, ms(now), states.toString(),
                String.valueOf(now.toEpochMilli() * 1000), String.valueOf(holds.maxFence(eventId) + FENCE_GAP_AFTER_REBUILD),
                json.writeValueAsString(live), json.writeValueAsString(sold), scripts.serverIdentity(),
                String.valueOf(counts.available()), String.valueOf(counts.held()), String.valueOf(counts.sold()),
                String.valueOf(counts.blocked())));
        if (code(result) == 1) {
            log.info("Rebuilt the seat inventory of event {} in Redis from the database ({} holds, {} sold seats)",
                    eventId, live.size(), sold.size());
        }
    }

    /** A hold as the scripts store it: {i: id, u: user, f: fence, c/e/m: created/expires/max in ms, p: positions}. */
    private LiveHold hold(long eventId, String raw) {
        JsonNode hold = json.readTree(raw);
        List<Integer> positions = new ArrayList<>();
        hold.get("p").forEach(p -> positions.add(p.asInt()));
        return new LiveHold(hold.get("i").asString(), eventId, hold.get("u").asString(), hold.get("f").asLong(),
                positions.stream().mapToInt(Integer::intValue).toArray(),
                Instant.ofEpochMilli(Long.parseLong(hold.get("c").asString())),
                Instant.ofEpochMilli(Long.parseLong(hold.get("e").asString())),
                Instant.ofEpochMilli(Long.parseLong(hold.get("m").asString())));
    }

    private static String[] withArgs(long eventId, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = String.valueOf(eventId);
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private static long code(List<Object> result) {
        return (Long) result.getFirst();
    }

    private static long number(List<Object> result, int index) {
        return (Long) result.get(index);
    }

    private static String ms(Instant instant) {
        return String.valueOf(instant.toEpochMilli());
    }

    private static String csv(int[] positions) {
        return IntStream.of(positions).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }
}
