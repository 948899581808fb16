package org.boxoffice.ticketing;

import java.time.Instant;

/** A ticket let in: the first and only successful scan of it. */
public record CheckedIn(String ticketId, long eventId, String seat, Instant checkedInAt) {
}
