package org.boxoffice.inventory.web;

import java.util.List;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.BestSeatsRequest;
import org.boxoffice.inventory.HoldChoice;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;
import org.jspecify.annotations.Nullable;

/** Either named seats or a best-available request, as the client sent it. */
record HoldRequest(@Nullable List<String> seatIds, @Nullable Best best) {

    record Best(@Nullable Integer quantity, @Nullable String categoryId, @Nullable String section) {
    }

    /** What the buyer asks for, in the event's terms; a 400 for anything the event does not have. */
    HoldChoice choice(SeatingPlan plan) {
        if ((seatIds != null) == (best != null)) {
            throw ApiProblem.badRequest("Send either seatIds or best, not both and not neither");
        }
        if (seatIds != null) {
            if (seatIds.isEmpty() || seatIds.size() > HoldChoice.MAX_SEATS) {
                throw ApiProblem.badRequest("A hold needs 1.." + HoldChoice.MAX_SEATS + " seats");
            }
            return new HoldChoice.NamedSeats(SeatIds.positions(plan, seatIds));
        }
        return bestSeats(plan.event(), best);
    }

    private static BestSeatsRequest bestSeats(Event event, Best best) {
        if (best.quantity() == null) {
            throw ApiProblem.badRequest("best.quantity is required");
        }
        if (best.quantity() < 1 || best.quantity() > HoldChoice.MAX_SEATS) {
            throw ApiProblem.badRequest("A hold needs 1.." + HoldChoice.MAX_SEATS + " seats");
        }
        Long categoryId = null;
        if (best.categoryId() != null) {
            categoryId = Ids.parse(best.categoryId()).stream().boxed().filter(id -> event.category(id).isPresent()).findFirst()
                    .orElseThrow(() -> ApiProblem.badRequest("unknown-category", "Event has no category " + best.categoryId()));
        }
        if (best.section() != null && event.categories().stream().noneMatch(c -> c.sections().contains(best.section()))) {
            throw ApiProblem.badRequest("unknown-section", "No seats of this event are sold in section " + best.section());
        }
        return new BestSeatsRequest(best.quantity(), categoryId, best.section());
    }
}
