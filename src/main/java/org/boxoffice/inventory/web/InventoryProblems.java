package org.boxoffice.inventory.web;

import java.util.Map;
import org.boxoffice.inventory.InventoryRefusal;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.web.ProblemTypes;
import org.springframework.stereotype.Component;

/** The inventory's problem types: every refusal of the inventory, as the client sees it. */
@Component
class InventoryProblems implements ProblemTypes<InventoryRefusal> {

    @Override
    public Class<InventoryRefusal> refusals() {
        return InventoryRefusal.class;
    }

    @Override
    public ApiProblem problem(InventoryRefusal refusal) {
        return switch (refusal) {
            case InventoryRefusal.NotOnSale r -> new ApiProblem(409, "not-on-sale", "Not on sale",
                    "Event " + r.eventId() + " is not on sale now", Map.of("onSaleAt", r.onSaleAt().toString()));
            case InventoryRefusal.SeatsUnavailable r -> new ApiProblem(409, "seats-unavailable", "Seats unavailable",
                    "Some of the seats are held, sold or blocked; nothing was changed",
                    Map.of("unavailableSeatIds", r.seatIds().stream().map(String::valueOf).toList()));
            case InventoryRefusal.NotEnoughSeats r -> new ApiProblem(409, "not-enough-seats", "Not enough seats",
                    "No row has " + r.quantity() + " adjacent available seats matching the request");
            case InventoryRefusal.LimitExceeded r -> new ApiProblem(422, "limit-exceeded", "Limit exceeded",
                    "At most " + r.maxSeatsPerOrder() + " seats per order and per buyer for this event, counting open holds and tickets",
                    Map.of("maxSeatsPerOrder", r.maxSeatsPerOrder(), "alreadyHeldOrBought", r.alreadyHeldOrBought()));
            case InventoryRefusal.EmailVerificationRequired r -> new ApiProblem(403, "email-verification-required",
                    "E-mail verification required",
                    "This event sells only to buyers with a verified e-mail address: verify yours, then sign in again",
                    Map.of("verify", "/api/v1/auth/email-verification"));
            case InventoryRefusal.HoldNotFound r -> ApiProblem.notFound("Hold " + r.holdId());
            case InventoryRefusal.HoldExpired r -> new ApiProblem(410, "hold-expired", "Hold expired",
                    "Hold " + r.holdId() + " has expired or is no longer valid; its seats may be taken");
            case InventoryRefusal.ExtensionLimitReached r -> new ApiProblem(409, "extension-limit", "Extension limit reached",
                    "A hold lives at most twice the event's hold time (and never past the event's start); it ends at "
                            + r.maxExpiresAt(), Map.of("maxExpiresAt", r.maxExpiresAt().toString()));
            case InventoryRefusal.HoldLimitReached r -> ApiProblem.tooManyRequests("hold-limit-reached", "Hold limit reached",
                    "At most " + r.perHour() + " " + r.what() + " and hour for this event; try again in "
                            + r.retryAfterSeconds() + " s", r.retryAfterSeconds());
        };
    }
}
