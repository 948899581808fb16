package org.boxoffice.inventory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.boxoffice.catalog.BuyerLimits;
import org.boxoffice.catalog.Event;
import org.boxoffice.infrastructure.RateLimits;
import org.boxoffice.infrastructure.RateLimits.Limit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The hourly budgets of an event's {@link BuyerLimits}: holds per buyer and seats per client address. A request over
 * budget is refused before any seat is touched; the budgets are taken only once a hold has succeeded, so the attempts
 * that fail because a seat is taken (nearly all of them in a flash sale) spend nothing, and given back when the hold
 * cannot be kept after all. The check before an attempt asks only this node's memory of budgets found spent, so
 * that an attempt costs no round trip for it; the taking after a hold is what enforces the budget across nodes.
 */
@Component
class BuyerBudgets {
    private static final boolean HOLDS = true;
    private static final boolean SEATS = false;
    /** What a placed hold took, to give back should it not be kept. */
    record Taken(@Nullable Limit holds, String buyerKey, @Nullable Limit seats, String addressKey, int seatCount) {
    }

    private final RateLimits limits;
    private final Clock clock;
    /** Budgets this node found spent, until when (epoch ms): a buyer refused once is refused up front until then. */
    private final Cache<String, Long> spent = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();

    BuyerBudgets(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Refuses a hold whose budget this node already found spent, without taking anything. */
    void check(Event event, Buyer buyer, int seats) {
        if (event.buyerLimits().holdsPerBuyerPerHour() != null) {
            refuseIfWaiting(spentFor("h:" + buyerKey(event, buyer)), event, HOLDS);
        }
        if (event.buyerLimits().seatsPerAddressPerHour() != null) {
            refuseIfWaiting(spentFor("s:" + addressKey(event, buyer)), event, SEATS);
        }
    }

    private long spentFor(String key) {
        Long until = spent.getIfPresent(key);
        long wait = until == null ? 0 : until - clock.millis();
        return wait <= 0 ? 0 : Math.max(1, (wait + 999) / 1000);
    }

    private void remember(String key, long seconds) {
        if (seconds > 0) {
            spent.put(key, clock.millis() + seconds * 1000);
        }
    }

    /** Takes the budgets of a hold that was just placed; refused (and nothing taken) when one of them is spent. */
    Taken take(Event event, Buyer buyer, int seats) {
        Limit holds = holdsLimit(event);
        Limit perAddress = seatsLimit(event);
        Taken taken = new Taken(holds, buyerKey(event, buyer), perAddress, addressKey(event, buyer), seats);
        if (holds != null) {
            long wait = limits.tryTake(holds, taken.buyerKey());
            remember("h:" + taken.buyerKey(), wait);
            refuseIfWaiting(wait, event, HOLDS);
        }
        if (perAddress != null) {
            long wait = limits.tryTake(perAddress, taken.addressKey(), seats);
            if (wait > 0 && holds != null) {
                limits.giveBack(holds, taken.buyerKey(), 1);
            }
            // a smaller hold may still fit an address's remaining seats: only a spent one is refused up front
            if (wait > 0 && limits.peek(perAddress, taken.addressKey(), 1) > 0) {
                remember("s:" + taken.addressKey(), wait);
            }
            refuseIfWaiting(wait, event, SEATS);
        }
        return taken;
    }

    void giveBack(Taken taken) {
        spent.invalidate("h:" + taken.buyerKey());
        spent.invalidate("s:" + taken.addressKey());
        if (taken.holds() != null) {
            limits.giveBack(taken.holds(), taken.buyerKey(), 1);
        }
        if (taken.seats() != null) {
            limits.giveBack(taken.seats(), taken.addressKey(), taken.seatCount());
        }
    }

    private static @Nullable Limit holdsLimit(Event event) {
        Integer holds = event.buyerLimits().holdsPerBuyerPerHour();
        return holds == null ? null : hourly("holds-per-buyer", holds);
    }

    private static @Nullable Limit seatsLimit(Event event) {
        Integer seats = event.buyerLimits().seatsPerAddressPerHour();
        return seats == null ? null : hourly("seats-per-address", seats);
    }

    private static String buyerKey(Event event, Buyer buyer) {
        return event.id() + ":" + buyer.userId();
    }

    private static String addressKey(Event event, Buyer buyer) {
        return event.id() + ":" + buyer.address();
    }

    private static Limit hourly(String name, int amount) {
        return new Limit(name + "-" + amount, amount, amount, Duration.ofHours(1));
    }

    /** The refusal is built only when the budget is spent: the hot path checks budgets on every attempt. */
    private static void refuseIfWaiting(long seconds, Event event, boolean perBuyer) {
        if (seconds > 0) {
            throw (perBuyer
                    ? new InventoryRefusal.HoldLimitReached("holds per buyer", event.buyerLimits().holdsPerBuyerPerHour(), seconds)
                    : new InventoryRefusal.HoldLimitReached("seats per address", event.buyerLimits().seatsPerAddressPerHour(), seconds))
                    .refused();
        }
    }
}
