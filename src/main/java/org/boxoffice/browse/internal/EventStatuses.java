package org.boxoffice.browse.internal;

import java.time.Clock;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.EventStatus;
import org.boxoffice.inventory.LiveSeats;
import org.boxoffice.inventory.SeatCounts;
import org.springframework.stereotype.Component;

/** An event's status as buyers see it: the catalog's dates, and sold out once the inventory says so. */
@Component
class EventStatuses {
    private final LiveSeats seats;
    private final Clock clock;

    EventStatuses(LiveSeats seats, Clock clock) {
        this.seats = seats;
        this.clock = clock;
    }

    EventStatus of(Event event) {
        // only an event on sale can be sold out: the seat counts are not asked for before or after the sale
        boolean soldOut = event.onSale(clock.instant()) && soldOut(seats.counts(event.id()));
        return event.status(clock.instant(), soldOut);
    }

    /** Whether buyers can join the event's waiting room now (its pre-queue or its queue). */
    boolean queueOpen(Event event) {
        return event.waitingRoomOpen(clock.instant());
    }

    /** The sold-out policy: no seat is available or held, and some are sold (a venue of blocked seats is not sold out). */
    static boolean soldOut(SeatCounts counts) {
        return counts.available() == 0 && counts.held() == 0 && counts.sold() > 0;
    }
}
