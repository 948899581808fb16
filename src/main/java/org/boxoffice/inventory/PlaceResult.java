package org.boxoffice.inventory;

import java.util.List;

/** The outcome of an attempt to hold seats: all of them, or none and why. */
public sealed interface PlaceResult {
    record Placed(LiveHold hold) implements PlaceResult {
    }

    record Unavailable(List<Integer> positions) implements PlaceResult {
    }

    record NotEnoughSeats() implements PlaceResult {
    }

    record LimitExceeded(int alreadyHeldOrBought) implements PlaceResult {
    }
}
