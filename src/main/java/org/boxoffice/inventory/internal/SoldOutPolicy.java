package org.boxoffice.inventory.internal;

import org.boxoffice.catalog.SeatAvailability;
import org.boxoffice.inventory.LiveSeats;
import org.boxoffice.inventory.SeatCounts;
import org.springframework.stereotype.Component;

/** An event is sold out when no seat is available or held: every sellable seat is sold. */
@Component
class SoldOutPolicy implements SeatAvailability {
    private final LiveSeats inventory;

    SoldOutPolicy(LiveSeats inventory) {
        this.inventory = inventory;
    }

    @Override
    public boolean soldOut(long eventId) {
        SeatCounts counts = inventory.counts(eventId);
        return counts.available() == 0 && counts.held() == 0 && counts.sold() > 0;
    }
}
