package org.boxoffice.inventory;

import java.time.Instant;
import java.util.List;
import org.boxoffice.shared.Refusal;

/** Why the inventory said no; {@code inventory.web.InventoryProblems} tells the client. */
public sealed interface InventoryRefusal extends Refusal {

    record NotOnSale(long eventId, Instant onSaleAt) implements InventoryRefusal {
    }

    /** Some of the named seats are held, sold or blocked; nothing was held (or blocked). */
    record SeatsUnavailable(List<Long> seatIds) implements InventoryRefusal {
    }

    record NotEnoughSeats(int quantity) implements InventoryRefusal {
    }

    /** More seats than the event allows per order and per buyer, counting the buyer's open holds and tickets. */
    record LimitExceeded(int maxSeatsPerOrder, int alreadyHeldOrBought) implements InventoryRefusal {
    }

    record EmailVerificationRequired() implements InventoryRefusal {
    }

    /** The caller has no live hold with this id: someone else's, released, sold, expired or never placed. */
    record HoldNotFound(String holdId) implements InventoryRefusal {
    }

    /** The caller's hold is gone (expired, released, sold) by the time its checkout wants it. */
    record HoldExpired(String holdId) implements InventoryRefusal {
    }

    record ExtensionLimitReached(Instant maxExpiresAt) implements InventoryRefusal {
    }

    /** The event's hourly budget per buyer or per address is used up; {@code perHour} of {@code what} ("holds per buyer"). */
    record HoldLimitReached(String what, int perHour, long retryAfterSeconds) implements InventoryRefusal {
    }
}
