package org.boxoffice.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.boxoffice.catalog.SeatingPlan;

/**
 * The live seat state of events: the port that the in-process and the Redis adapters implement. Every
 * operation on one event is atomic. A hold whose {@code expiresAt} has come is treated as gone by every
 * operation, whether or not a sweeper has run.
 */
public interface SeatInventory {

    /** Holds exactly these seats for the user, or none of them. */
    PlaceResult place(SeatingPlan plan, String holdId, String userId, int[] positions, int userLimit,
                      Instant now, Instant expiresAt, Instant maxExpiresAt);

    /** Holds the best adjacent seats in one row that match the request, or none. */
    PlaceResult placeBest(SeatingPlan plan, String holdId, String userId, BestSeatsRequest request, int userLimit,
                          Instant now, Instant expiresAt, Instant maxExpiresAt);

    Optional<LiveHold> find(SeatingPlan plan, String holdId, Instant now);

    /** Moves the expiry of a live hold; empty when the hold is gone. */
    Optional<LiveHold> extend(SeatingPlan plan, String holdId, Instant newExpiresAt, Instant now);

    /** Frees the seats of a live hold at once; false when it was already gone. */
    boolean release(SeatingPlan plan, String holdId, Instant now);

    /** The seats of the hold are sold to its user (the database has already accepted the sale). */
    void markSold(SeatingPlan plan, LiveHold hold);

    /** Sold seats come back for sale (their order was cancelled). */
    void returnSold(SeatingPlan plan, String userId, int[] positions);

    /** Blocks available seats; returns the positions that could not be blocked because they are held or sold. */
    List<Integer> block(SeatingPlan plan, int[] positions, Instant now);

    void unblock(SeatingPlan plan, int[] positions);

    SeatSnapshot snapshot(SeatingPlan plan, Instant now);

    /** How many seats are in each status, kept as seats change rather than counted: status pages ask it per request. */
    SeatCounts counts(SeatingPlan plan, Instant now);

    /** Removes holds that have expired and returns them, so their release can be recorded and published. */
    List<LiveHold> drainExpired(Instant now);

    /** Forgets an event's state so that it is rebuilt from the database on next use. */
    void evict(long eventId);
}
