package org.boxoffice.inventory.memory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * When the holds of one event fall due. Most holds run for the event's hold time, so they fall due in the order they
 * were placed: those wait in a plain queue, added and taken in constant time; the others (extended, restored) in a
 * priority queue. An entry may outlive its hold (released, extended): the caller checks the hold itself.
 */
final class Expiries {
    /** {@code at} in nanoseconds since the epoch: comparing two longs, not two Instants, keeps the queue's sifting cheap. */
    private record Expiry(long at, String holdId) {
    }

    private final ArrayDeque<Expiry> inOrder = new ArrayDeque<>();
    private final PriorityQueue<Expiry> outOfOrder = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));

    void add(Instant at, String holdId) {
        Expiry expiry = new Expiry(nanos(at), holdId);
        if (inOrder.isEmpty() || inOrder.peekLast().at() <= expiry.at()) {
            inOrder.addLast(expiry);
        } else {
            outOfOrder.add(expiry);
        }
    }

    /** The hold id of the earliest entry if it is due at {@code nowNanos}, taken off its queue; null when none is due. */
    @Nullable String takeDue(long nowNanos) {
        Expiry first = inOrder.peekFirst();
        Expiry other = outOfOrder.peek();
        boolean inOrderFirst = other == null || (first != null && first.at() <= other.at());
        Expiry earliest = inOrderFirst ? first : other;
        if (earliest == null || earliest.at() > nowNanos) {
            return null;
        }
        return (inOrderFirst ? inOrder.pollFirst() : outOfOrder.poll()).holdId();
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
