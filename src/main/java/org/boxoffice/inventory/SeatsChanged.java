package org.boxoffice.inventory;

import java.util.List;

/**
 * Seats of an event changed status; after applying {@code changes} a seat map is at change number {@code seq}.
 * Published on every node, whichever node made the change, so that live seat maps follow.
 */
public record SeatsChanged(long eventId, long seq, List<Change> changes) {
    public record Change(long seatId, SeatStatus status) {
    }
}
