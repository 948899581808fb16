package org.boxoffice.catalog;

import org.boxoffice.shared.Refusal;

/** Why the catalog said no; {@code catalog.internal.CatalogProblems} tells the client. */
public sealed interface CatalogRefusal extends Refusal {

    /** No such event, or one the caller may not see (another organizer's): the two are not told apart. */
    record EventNotFound(long eventId) implements CatalogRefusal {
    }

    record UnknownVenue(long venueId) implements CatalogRefusal {
    }

    /** A venue or event that breaks one of the catalog's rules, {@code rule} saying which in the client's terms. */
    record BrokenRule(String rule) implements CatalogRefusal {
    }
}
