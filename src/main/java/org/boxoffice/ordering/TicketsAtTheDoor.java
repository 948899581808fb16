package org.boxoffice.ordering;

import java.util.List;

/**
 * Implemented by ticketing: whether any of these tickets was let in at the door. An order whose guest is inside cannot
 * be cancelled and refunded (the seat would be sold again while they sit in it).
 */
public interface TicketsAtTheDoor {
    boolean anyCheckedIn(List<String> ticketIds);
}
