package org.boxoffice.inventory.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.HoldChoice;
import org.boxoffice.shared.ApiProblem;
import org.boxoffice.shared.Ids;

/** Seat ids as clients send them, turned into positions of the event's seating plan. */
final class SeatIds {
    private SeatIds() {
    }

    /** Distinct positions, in the order named; a 400 for a duplicate, a null or a seat the event does not have. */
    static int[] positions(SeatingPlan plan, List<String> seatIds) {
        if (seatIds.isEmpty() || seatIds.size() > HoldChoice.MAX_SEATS) {
            throw ApiProblem.badRequest("seatIds must name 1.." + HoldChoice.MAX_SEATS + " seats");
        }
        Set<String> seen = new HashSet<>();
        Set<Integer> seenPositions = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        int[] positions = new int[seatIds.size()];
        for (int i = 0; i < positions.length; i++) {
            String id = seatIds.get(i);
            if (id == null || !seen.add(id)) {
                throw ApiProblem.badRequest("duplicate-seats", "seatIds must not contain duplicates or nulls");
            }
            positions[i] = Ids.parse(id).stream().mapToInt(plan::positionOf).findFirst().orElse(-1);
            if (positions[i] < 0) {
                unknown.add(id);
            } else if (!seenPositions.add(positions[i])) {
                throw ApiProblem.badRequest("duplicate-seats", "seatIds must not contain duplicates or nulls");
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiProblem(400, "unknown-seats", "Unknown seats", "The event has no seats with these ids",
                    Map.of("unknownSeatIds", unknown));
        }
        return positions;
    }
}
