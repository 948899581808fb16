package org.boxoffice.ordering;

/**
 * A ticket as the door sees it: whose it is, for which event and seat, and whether it is still valid (its order
 * confirmed and the ticket not cancelled).
 */
public record IssuedTicket(String ticketId, String orderId, String userId, long eventId, long seatId, String label,
                           boolean valid) {
}
