package org.boxoffice.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.boxoffice.catalog.CatalogService;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.internal.RecordedSeats;
import org.boxoffice.shared.Unavailable;
import org.springframework.stereotype.Service;

/** What the seats of an event are now: every seat's status, or the number per status. */
@Service
public class LiveSeats {
    private final CatalogService catalog;
    private final SeatInventory inventory;
    private final Holds holds;
    private final Clock clock;

    LiveSeats(CatalogService catalog, SeatInventory inventory, Holds holds, Clock clock) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.holds = holds;
        this.clock = clock;
    }

    /** The live seat states; while the live inventory is unreachable, those the database records, so browsing works on. */
    public SeatSnapshot snapshot(long eventId) {
        return liveOrRecorded(eventId, inventory::snapshot, recorded -> new SeatSnapshot(0, recorded));
    }

    /** Seats per status from the live inventory; while it is unreachable, counted from what the database records. */
    public SeatCounts counts(long eventId) {
        return liveOrRecorded(eventId, inventory::counts, SeatCounts::of);
    }

    private <T> T liveOrRecorded(long eventId, BiFunction<SeatingPlan, Instant, T> live, Function<byte[], T> recorded) {
        SeatingPlan plan = catalog.plan(eventId);
        Instant now = clock.instant();
        try {
            return live.apply(plan, now);
        } catch (Unavailable unavailable) {
            return recorded.apply(RecordedSeats.of(plan, holds.load(eventId, now)).statuses());
        }
    }
}
