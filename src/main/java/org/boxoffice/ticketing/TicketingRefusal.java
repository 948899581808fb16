package org.boxoffice.ticketing;

import java.time.Instant;
import org.boxoffice.shared.Refusal;

/** Why a ticket code is not let in. */
public sealed interface TicketingRefusal extends Refusal {

    /** Not a Boxoffice ticket code at all. */
    record CodeUnreadable() implements TicketingRefusal {
    }

    /** Shaped like a code, but its signature is not the service's: made up or altered. */
    record CodeForged() implements TicketingRefusal {
    }

    /** A rotating code from another time window: a screenshot or a copy, not the live ticket. */
    record CodeExpired(Instant validUntil) implements TicketingRefusal {
    }

    /** A static (printable) code for an event whose organizer allows only the rotating one. */
    record StaticCodeNotAllowed(long eventId) implements TicketingRefusal {
    }

    record TicketNotFound(String ticketId) implements TicketingRefusal {
    }

    /** The ticket's order was cancelled (and refunded): it does not get in. */
    record TicketCancelled(String ticketId) implements TicketingRefusal {
    }

    /** A valid ticket, for another event than the one at this door. */
    record WrongEvent(String ticketId, long doorEventId) implements TicketingRefusal {
    }

    /** Let in before: the time of the first scan tells the door staff what happened. */
    record AlreadyCheckedIn(String ticketId, Instant checkedInAt) implements TicketingRefusal {
    }
}
