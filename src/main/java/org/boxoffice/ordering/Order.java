package org.boxoffice.ordering;

import java.time.Instant;
import java.util.List;
import org.boxoffice.shared.Money;
import org.jspecify.annotations.Nullable;

/** An order and its tickets as stored. */
public record Order(String orderId, String userId, long eventId, String holdId, long fence, OrderStatus status,
                    Money total, Instant createdAt, List<Ticket> tickets, @Nullable Refund refund,
                    @Nullable String failure) {

    public record Ticket(String ticketId, long seatId, String label, long categoryId, Money price) {
    }

    public record Refund(Money amount, String status) {
    }
}
