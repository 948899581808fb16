package org.boxoffice.catalog;

/** A venue was created with this many seats. */
public record VenueCreated(long venueId, int seatCount) {
}
