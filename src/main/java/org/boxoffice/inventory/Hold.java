package org.boxoffice.inventory;

import java.time.Instant;
import java.util.List;
import org.boxoffice.shared.Money;

/** A live hold as its owner sees it. */
public record Hold(String holdId, long eventId, String userId, long fence, List<HeldSeat> seats, Money total,
                   Instant createdAt, Instant expiresAt, Instant maxExpiresAt) {

    public record HeldSeat(long seatId, String label, long categoryId, Money price) {
    }

    public List<Long> seatIds() {
        return seats.stream().map(HeldSeat::seatId).toList();
    }
}
