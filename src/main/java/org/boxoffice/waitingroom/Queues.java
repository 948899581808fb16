package org.boxoffice.waitingroom;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queues of events with a waiting room: the port that the in-process and the Redis adapters implement. Every
 * operation on one event is atomic. Buyers who join before {@code onSaleAt} go into the pre-queue, ordered among
 * themselves by the event's committed {@link QueueShuffle} and ahead of everyone who joins later, in arrival order.
 */
public interface Queues {

    /**
     * Joins the queue under a new random entry id, or returns the place the user already has: one place per user.
     * The entry's pre-queue order is the shuffle's order of entry ids.
     */
    QueueEntry join(long eventId, String userId, QueueShuffle shuffle, Instant onSaleAt, Instant now);

    Optional<QueueEntry> find(long eventId, String userId, Instant onSaleAt, Instant now);

    /**
     * Admits from the head of the queue as many buyers as the rate allows for the time since the last round (the
     * budget is shared by all nodes, so any number of admitters admit at the configured rate together) and as the
     * free places under {@code maxActive} allow. Admissions that ran out are ended first and reported as lapsed.
     */
    AdmissionRound admit(long eventId, Instant onSaleAt, int admitPerMinute, int maxActive, Duration admission, Instant now);

    /** A lapsed buyer who did not buy goes to the back of the queue. */
    void requeue(long eventId, String userId, Instant now);

    /** A buyer whose admission is over for good (lapsed after buying). */
    void finish(long eventId, String userId);

    QueueStats stats(long eventId, Instant now);

    /**
     * Every entry the queue has had, with its first admission. From {@code onSaleAt} on this closes the pre-queue for
     * good first (a node whose clock is behind can no longer add to it), so the pre-queue entries returned then are
     * final.
     */
    List<QueueRecord> records(long eventId, Instant onSaleAt, Instant now);

    /** Admissions per second (epoch second → buyers admitted in it), every admission counted. */
    Map<Long, Long> admissionsPerSecond(long eventId);

    /** Adds counts of refused requests by reason; several nodes add theirs. */
    void addRejections(long eventId, Map<String, Long> counts);

    Map<String, Long> rejections(long eventId);
}
