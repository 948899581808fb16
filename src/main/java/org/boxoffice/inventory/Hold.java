package org.boxoffice.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.shared.Money;

/** A live hold as its owner sees it. */
public record Hold(String holdId, long eventId, String userId, long fence, List<HeldSeat> seats, Money total,
                   Instant createdAt, Instant expiresAt, Instant maxExpiresAt) {

    public record HeldSeat(long seatId, String label, long categoryId, Money price) {
    }

    public List<Long> seatIds() {
        return seats.stream().map(HeldSeat::seatId).toList();
    }

    /** A live hold with its seats' labels and prices. */
    static Hold of(SeatingPlan plan, LiveHold live) {
        Event event = plan.event();
        List<HeldSeat> seats = new ArrayList<>(live.positions().length);
        for (int position : live.positions()) {
            Seat seat = plan.seat(position);
            Money price = event.category(seat.categoryId()).orElseThrow().price();
            seats.add(new HeldSeat(seat.id(), seat.label(), seat.categoryId(), price));
        }
        Money total = Money.sum(seats.stream().map(HeldSeat::price).toList(), event.currency());
        return new Hold(live.holdId(), live.eventId(), live.userId(), live.fence(), List.copyOf(seats), total,
                live.createdAt(), live.expiresAt(), live.maxExpiresAt());
    }

    /** The hold's seats as positions of the event's seating plan. */
    int[] positions(SeatingPlan plan) {
        return seats.stream().mapToInt(s -> plan.positionOf(s.seatId())).toArray();
    }

    LiveHold live(SeatingPlan plan) {
        return new LiveHold(holdId, eventId, userId, fence, positions(plan), createdAt, expiresAt, maxExpiresAt);
    }
}
