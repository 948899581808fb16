package org.boxoffice.inventory.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.shared.Money;

/** Events of one row of ten seats, on sale at {@code now} and for 30 days, for the Redis adapter's tests. */
final class OneRowPlans {
    private OneRowPlans() {
    }

    /** An event with a random id, so that tests sharing a Redis never meet. */
    static SeatingPlan random(Instant now) {
        return of(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L), now);
    }

    static SeatingPlan of(long eventId, Instant now) {
        List<Seat> seats = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            seats.add(new Seat(eventId * 100 + n, "A", "1", 0, n, "A-1-" + n, n, 0, 1L));
        }
        Event event = new Event(eventId, "one row", "", 1, "v", now.plus(Duration.ofDays(30)), now.minusSeconds(60), 600, 4, "EUR",
                false, List.of(new Category(1, "A", Money.of("10.00", "EUR"), List.of("A"))), WaitingRoomSettings.DISABLED, "o");
        return new SeatingPlan(event, seats);
    }
}
