package org.boxoffice.inventory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The durable record of holds, sold and blocked seats, from which the live inventory is rebuilt. */
public interface Holds {
    /** The statuses of a stored hold that the live inventory follows; the others are RELEASED, EXPIRED and RETURNED. */
    String ACTIVE = "ACTIVE";
    String SOLD = "SOLD";

    /** What the database knows of an event's seats: enough to rebuild its live state. */
    record EventRecord(List<Long> blockedSeatIds, List<StoredHold> activeHolds, Map<Long, String> soldSeatOwners) {
    }

    record StoredHold(String holdId, long eventId, String userId, long fence, String status, List<Long> seatIds,
                      Instant createdAt, Instant expiresAt, Instant maxExpiresAt) {
    }

    void insert(StoredHold hold);

    /** Records many new holds at once, as group commit hands them over. */
    default void insertAll(List<StoredHold> holds) {
        holds.forEach(this::insert);
    }

    Optional<StoredHold> find(String holdId);

    void updateExpiry(String holdId, Instant expiresAt);

    /** Marks an active hold released; false, changing nothing, when it is not active (sold, expired, released). */
    boolean markReleased(String holdId);

    void markExpired(Collection<String> holdIds);

    /** Those of the holds that the database has sold. */
    Set<String> soldAmong(Collection<String> holdIds);

    /**
     * Marks an active, unexpired hold as sold if its fencing token is still the newest for each of its seats.
     * Returns false, changing nothing, otherwise.
     */
    boolean confirmSold(String holdId, long fence, Instant now);

    void markReturned(String holdId);

    /** The largest fencing token ever given for the event's holds, 0 when none. */
    long maxFence(long eventId);

    /** The users who placed a hold on the event in [from, to). */
    Set<String> holdersBetween(long eventId, Instant from, Instant to);

    EventRecord load(long eventId, Instant now);

    void block(long eventId, Collection<Long> seatIds);

    void unblock(long eventId, Collection<Long> seatIds);
}
