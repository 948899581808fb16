package org.boxoffice.catalog;

import org.boxoffice.shared.Refusal;
import org.boxoffice.shared.Refused;

/** Why the catalog said no; {@code catalog.internal.CatalogProblems} tells the client. */
public sealed interface CatalogRefusal extends Refusal {

    default Refused refused() {
        return new Refused(this);
    }

    /** No such event, or one the caller may not see (another organizer's): the two are not told apart. */
    record EventNotFound(long eventId) implements CatalogRefusal {
    }

    record UnknownVenue(long venueId) implements CatalogRefusal {
    }

    /** A venue or event that breaks one of the catalog's rules, {@code rule} saying which in the client's terms. */
    record BrokenRule(String rule) implements CatalogRefusal {
    }
}
