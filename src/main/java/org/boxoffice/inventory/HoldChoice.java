package org.boxoffice.inventory;

/** Which seats a buyer asks to hold: named ones (as positions in the event's seating plan) or the best available. */
public sealed interface HoldChoice permits HoldChoice.NamedSeats, BestSeatsRequest {
    int MAX_SEATS = 100;

    int quantity();

    /** Distinct positions of the event's seating plan, 1..{@link #MAX_SEATS} of them. */
    record NamedSeats(int[] positions) implements HoldChoice {
        public int quantity() {
            return positions.length;
        }
    }
}
