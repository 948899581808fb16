package org.boxoffice.inventory;

import java.time.Instant;
import java.util.List;
import org.boxoffice.shared.Refusal;
import org.boxoffice.shared.Refused;

/** Why the inventory said no; {@code inventory.web.InventoryProblems} tells the client. */
public sealed interface InventoryRefusal extends Refusal {

    default Refused refused() {
        return new Refused(this);
    }

    record NotOnSale(long eventId, Instant onSaleAt) implements InventoryRefusal {
        public String reason() {
            return "not-on-sale";
        }
    }

    /** Some of the named seats are held, sold or blocked; nothing was held (or blocked). */
    record SeatsUnavailable(List<Long> seatIds) implements InventoryRefusal {
        public String reason() {
            return "seats-unavailable";
        }
    }

    record NotEnoughSeats(int quantity) implements InventoryRefusal {
        public String reason() {
            return "not-enough-seats";
        }
    }

    /** More seats than the event allows per order and per buyer, counting the buyer's open holds and tickets. */
    record LimitExceeded(int maxSeatsPerOrder, int alreadyHeldOrBought) implements InventoryRefusal {
        public String reason() {
            return "limit-exceeded";
        }
    }

    record EmailVerificationRequired() implements InventoryRefusal {
        public String reason() {
            return "email-verification-required";
        }
    }

    /** The caller has no live hold with this id: someone else's, released, sold, expired or never placed. */
    record HoldNotFound(String holdId) implements InventoryRefusal {
        public String reason() {
            return "hold-not-found";
        }
    }

    /** The caller's hold is gone (expired, released, sold) by the time its checkout wants it. */
    record HoldExpired(String holdId) implements InventoryRefusal {
        public String reason() {
            return "hold-expired";
        }
    }

    record ExtensionLimitReached(Instant maxExpiresAt) implements InventoryRefusal {
        public String reason() {
            return "extension-limit";
        }
    }

    /** The event's hourly budget per buyer or per address is used up; {@code perHour} of {@code what} ("holds per buyer"). */
    record HoldLimitReached(String what, int perHour, long retryAfterSeconds) implements InventoryRefusal {
        public String reason() {
            return "hold-limit-reached";
        }
    }
}
