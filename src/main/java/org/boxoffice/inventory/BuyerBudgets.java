package org.boxoffice.inventory;

import java.time.Duration;
import org.boxoffice.catalog.BuyerLimits;
import org.boxoffice.catalog.Event;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.RateLimits;
import org.boxoffice.shared.RateLimits.Limit;
import org.springframework.stereotype.Component;

/**
 * The hourly budgets of an event's {@link BuyerLimits}: holds per buyer and seats per client address. They are taken
 * only once a hold has succeeded, so the attempts that fail because a seat is taken (nearly all of them in a flash
 * sale) cost nothing more; a hold over budget is released again at once.
 */
@Component
class BuyerBudgets {
    private final RateLimits limits;

    BuyerBudgets(RateLimits limits) {
        this.limits = limits;
    }

    /** Takes the budgets of a hold that was just placed; a problem when one of them is spent. */
    void take(Event event, Buyer buyer, int seats) {
        BuyerLimits buyerLimits = event.buyerLimits();
        if (buyerLimits.holdsPerBuyerPerHour() != null) {
            int holds = buyerLimits.holdsPerBuyerPerHour();
            refuseIfWaiting(limits.tryTake(hourly("holds-per-buyer", holds), event.id() + ":" + buyer.userId()),
                    "At most " + holds + " holds per buyer and hour for this event");
        }
        if (buyerLimits.seatsPerAddressPerHour() != null) {
            int perAddress = buyerLimits.seatsPerAddressPerHour();
            refuseIfWaiting(limits.tryTake(hourly("seats-per-address", perAddress), event.id() + ":" + buyer.address(), seats),
                    "At most " + perAddress + " seats per address and hour for this event");
        }
    }

    private static Limit hourly(String name, int amount) {
        return new Limit(name + "-" + amount, amount, amount, Duration.ofHours(1));
    }

    private static void refuseIfWaiting(long seconds, String detail) {
        if (seconds > 0) {
            throw ApiProblem.tooManyRequests("hold-limit-reached", "Hold limit reached",
                    detail + "; try again in " + seconds + " s", seconds);
        }
    }
}
