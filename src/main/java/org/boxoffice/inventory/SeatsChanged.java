package org.boxoffice.inventory;

import java.util.List;

/**
 * Seats of an event changed status: a seat map at change number {@code fromSeq} is at {@code seq} after applying
 * {@code changes}. Published on every node, whichever node made the change, so that live seat maps follow.
 * {@code reset} says the event's live state was rebuilt: whoever follows it must start over from a snapshot, and
 * so must whoever notices that {@code fromSeq} is not where the previous change left off (a missed message).
 */
public record SeatsChanged(long eventId, long fromSeq, long seq, List<Change> changes, boolean reset) {
    public record Change(long seatId, SeatStatus status) {
    }

    public static SeatsChanged reset(long eventId, long seq) {
        return new SeatsChanged(eventId, seq, seq, List.of(), true);
    }
}
