package org.boxoffice.inventory.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.Holds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sales and returns that the database committed while Redis could not be told. Once Redis answers again, the seats
 * they touched are set to what the database says of them now. The whole event is not rebuilt: a rebuild drops every
 * hold whose database write is still on its way, and those buyers' checkouts would fail although their holds were
 * granted. Another node may have rebuilt the event meanwhile (then the change is already in), a return may have
 * followed a missed sale: reading the database's owners of the seats, not replaying the change, gets each case right.
 */
final class MissedChanges {
    private static final Logger log = LoggerFactory.getLogger(MissedChanges.class);
    /** How often the owners are read again when they changed while being applied, before giving up on the event. */
    private static final int ROUNDS = 3;

    /** A change of the seats at {@code positions}, sold to or returned by {@code userId}; {@code holdId} may be "". */
    record Change(SeatingPlan plan, String holdId, String userId, int[] positions) {
    }

    private final SeatScripts scripts;
    private final Holds holds;
    private final Map<Long, Queue<Change>> byEvent = new ConcurrentHashMap<>();

    MissedChanges(SeatScripts scripts, Holds holds) {
        this.scripts = scripts;
        this.holds = holds;
    }

    void add(Change change) {
        byEvent.computeIfAbsent(change.plan().event().id(), id -> new ConcurrentLinkedQueue<>()).add(change);
    }

    /**
     * Applies the missed changes of every event. A failure (the database's, or Redis refusing one event's scripts) is
     * logged for its event and the others go on; the caller has just seen Redis answer. Changes not applied are tried
     * again next time.
     * Tells {@code applied} of every event it changed; returns the events whose seats kept changing under it: those
     * need a rebuild.
     */
    List<Long> apply(Instant now, LongConsumer applied) {
        List<Long> unsettled = new ArrayList<>();
        for (Map.Entry<Long, Queue<Change>> entry : byEvent.entrySet()) {
            List<Change> changes = List.copyOf(entry.getValue());
            if (changes.isEmpty()) {
                continue;
            }
            Outcome outcome;
            try {
                outcome = applyToEvent(changes, now);
            } catch (RuntimeException e) {
                log.warn("Changes Redis missed for event {} wait: {}", entry.getKey(), e.toString());
                continue;
            }
            if (outcome == Outcome.NOT_LOADED) {
                continue; // a rebuild may be reading the database from before the change: apply it once the event is back
            }
            if (outcome == Outcome.UNSETTLED) {
                unsettled.add(entry.getKey());
            }
            entry.getValue().removeAll(changes);
            applied.accept(entry.getKey());
        }
        return unsettled;
    }

    /** Sets the changed seats to their owners in the database until the owners read after that are still the same. */
    private enum Outcome { SETTLED, UNSETTLED, NOT_LOADED }

    private Outcome applyToEvent(List<Change> changes, Instant now) {
        SeatingPlan plan = changes.getFirst().plan();
        Map<Integer, String> owners = soldOwners(plan, changes, now);
        for (int round = 0; round < ROUNDS; round++) {
            for (Change change : changes) {
                if (!follow(plan, change, owners, now)) {
                    return Outcome.NOT_LOADED;
                }
            }
            Map<Integer, String> after = soldOwners(plan, changes, now);
            if (after.equals(owners)) {
                return Outcome.SETTLED;
            }
            owners = after;
        }
        return Outcome.UNSETTLED;
    }

    /** False when Redis holds no state for the event. */
    private boolean follow(SeatingPlan plan, Change change, Map<Integer, String> owners, Instant now) {
        long eventId = plan.event().id();
        int[] soldToUser = IntStream.of(change.positions()).filter(p -> change.userId().equals(owners.get(p))).toArray();
        int[] notSoldToUser = IntStream.of(change.positions()).filter(p -> !change.userId().equals(owners.get(p))).toArray();
        if (soldToUser.length > 0 && scripts.sold(eventId, now, change.holdId(), change.userId(), soldToUser).outcome()
                == SeatScripts.Outcome.NOT_LOADED) {
            return false;
        }
        return notSoldToUser.length == 0
                || scripts.returned(eventId, now, change.userId(), notSoldToUser).outcome() != SeatScripts.Outcome.NOT_LOADED;
    }

    /** The database's buyer of each changed seat that is sold now. */
    private Map<Integer, String> soldOwners(SeatingPlan plan, List<Change> changes, Instant now) {
        Map<Long, String> soldSeats = holds.load(plan.event().id(), now).soldSeatOwners();
        Map<Integer, String> owners = new HashMap<>();
        for (Change change : changes) {
            for (int position : change.positions()) {
                String owner = soldSeats.get(plan.seat(position).id());
                if (owner != null) {
                    owners.put(position, owner);
                }
            }
        }
        return owners;
    }
}
