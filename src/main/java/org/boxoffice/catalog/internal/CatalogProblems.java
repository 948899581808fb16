package org.boxoffice.catalog.internal;

import org.boxoffice.catalog.CatalogRefusal;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.infrastructure.web.ProblemTypes;
import org.springframework.stereotype.Component;

/** The catalog's problem types. */
@Component
class CatalogProblems implements ProblemTypes<CatalogRefusal> {

    @Override
    public Class<CatalogRefusal> refusals() {
        return CatalogRefusal.class;
    }

    @Override
    public ApiProblem problem(CatalogRefusal refusal) {
        return switch (refusal) {
            case CatalogRefusal.EventNotFound r -> ApiProblem.notFound("Event " + r.eventId());
            case CatalogRefusal.UnknownVenue r -> ApiProblem.badRequest("unknown-venue", "Venue " + r.venueId() + " does not exist");
            case CatalogRefusal.BrokenRule r -> ApiProblem.badRequest(r.rule());
        };
    }
}
