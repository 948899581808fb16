package org.boxoffice.inventory.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.SeatStatus;
import org.boxoffice.inventory.internal.BestAvailableSeats;
import org.jspecify.annotations.Nullable;

/**
 * The seat states this node last read from Redis for each event, shared by the node's best-available requests.
 * Reading all of an event's states for every such request (100 KB for 100,000 seats, and a scan of them all) was most
 * of a best-available hold's cost in distributed mode. A read serves the node's requests for {@link #MAX_AGE}; seats
 * this node places or finds taken are marked at once, and a read is dropped when this node frees seats, so that the
 * node's own buyers neither race each other for one block nor miss seats it gave back. Seats taken on other nodes show
 * with the next read, and a choice is only a proposal: the place script decides, and a lost race asks for a newer read.
 */
final class RecentSeatStates {
    /** Long enough to serve many requests with one read, short enough that other nodes' sales show soon. */
    static final Duration MAX_AGE = Duration.ofMillis(100);
    private static final byte AVAILABLE = SeatStatus.AVAILABLE.code();
    private static final byte TAKEN = SeatStatus.HELD.code();
    private static final long ANY_READ = -1;

    /** A proposal, and the read it was made on, so that a retry can ask for a newer one. */
    record Choice(int @Nullable [] positions, long read) {
    }

    private static final class States {
        final ReentrantLock lock = new ReentrantLock();
        /** The last read that failed, and when (System.nanoTime): requests that waited for it fail with it. */
        @Nullable RuntimeException failure;
        long failedAt;
        long read;
        @Nullable Instant readAt;
        byte @Nullable [] statuses;
        int @Nullable [] freeInRow;
    }

    private final Map<Long, States> byEvent = new ConcurrentHashMap<>();
    /** Reads are numbered across events and forgotten states alike, so that "a newer read" always means one. */
    private final AtomicLong reads = new AtomicLong();

    /**
     * Chooses on a read of the event's states made at {@code now} minus {@link #MAX_AGE} or later and numbered
     * {@code minRead} or higher, reading anew otherwise; the requests that wait meanwhile share that read. The
     * chosen seats are marked taken.
     */
    Choice choose(SeatingPlan plan, BestSeatsRequest request, int among, long minRead, Instant now, Supplier<byte[]> read) {
        States states = byEvent.computeIfAbsent(plan.event().id(), id -> new States());
        long arrived = System.nanoTime();
        states.lock.lock();
        try {
            if (states.statuses == null || states.read < minRead || states.readAt.isBefore(now.minus(MAX_AGE))) {
                if (states.failure != null && states.failedAt - arrived >= 0) {
                    // the read this request waited for failed: a slow or absent Redis is not asked once per waiter
                    throw states.failure;
                }
                try {
                    refresh(plan, states, read.get(), now, reads.incrementAndGet());
                } catch (RuntimeException failed) {
                    states.failure = failed;
                    states.failedAt = System.nanoTime();
                    throw failed;
                }
            }
            byte[] statuses = states.statuses;
            int[] freeInRow = states.freeInRow;
            int[] chosen = BestAvailableSeats.chooseAmong(plan, request, p -> statuses[p] == AVAILABLE, row -> freeInRow[row],
                    among, ThreadLocalRandom.current());
            if (chosen != null) {
                mark(plan, states, chosen, TAKEN);
            }
            return new Choice(chosen, states.read);
        } finally {
            states.lock.unlock();
        }
    }

    /**
     * After the place script refused a proposal: the seats it named are taken, the others of the proposal free. Only
     * on the read the proposal came from: a newer one knows better.
     */
    void refused(SeatingPlan plan, Choice proposal, List<Integer> taken) {
        int[] proposed = proposal.positions();
        withStates(plan, proposal.read(), states -> {
            mark(plan, states, proposed, AVAILABLE);
            mark(plan, states, taken.stream().mapToInt(Integer::intValue).toArray(), TAKEN);
        });
    }

    /** After a proposal was not placed for another reason (a limit): its seats are free again, on the read it came from. */
    void unused(SeatingPlan plan, Choice proposal) {
        withStates(plan, proposal.read(), states -> mark(plan, states, proposal.positions(), AVAILABLE));
    }

    /** Seats this node took by name (held or blocked) are not proposed to its next buyers. */
    void taken(SeatingPlan plan, int[] positions) {
        withStates(plan, ANY_READ, states -> mark(plan, states, positions, TAKEN));
    }

    /** How many requests wait for the event's states (for tests that need one waiting). */
    int waiting(long eventId) {
        States states = byEvent.get(eventId);
        return states == null ? 0 : states.lock.getQueueLength();
    }

    /** This node freed seats of the event: its next best-available request reads the states anew. */
    void forget(long eventId) {
        byEvent.remove(eventId);
    }

    private void withStates(SeatingPlan plan, long read, Consumer<States> change) {
        States states = byEvent.get(plan.event().id());
        if (states == null) {
            return;
        }
        states.lock.lock();
        try {
            if (states.statuses != null && (read == ANY_READ || read == states.read)) {
                change.accept(states);
            }
        } finally {
            states.lock.unlock();
        }
    }

    private static void refresh(SeatingPlan plan, States states, byte[] statuses, Instant now, long read) {
        int[] freeInRow = new int[plan.rows()];
        for (int row = 0; row < freeInRow.length; row++) {
            for (int position = plan.rowStart(row); position < plan.rowEnd(row); position++) {
                freeInRow[row] += statuses[position] == AVAILABLE ? 1 : 0;
            }
        }
        states.statuses = statuses;
        states.freeInRow = freeInRow;
        states.readAt = now;
        states.read = read;
    }

    private static void mark(SeatingPlan plan, States states, int[] positions, byte status) {
        for (int position : positions) {
            byte before = states.statuses[position];
            if ((before == AVAILABLE) != (status == AVAILABLE)) {
                states.freeInRow[plan.rowOf(position)] += status == AVAILABLE ? 1 : -1;
            }
            states.statuses[position] = status;
        }
    }
}
