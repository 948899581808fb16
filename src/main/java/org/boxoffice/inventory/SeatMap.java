package org.boxoffice.inventory;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The seat map of an event as clients see it: the layout with each seat's live status at change {@code seq}. */
public record SeatMap(String eventId, long seq, List<SeatView> seats) {
    public record SeatView(String id, String section, String row, int number, String label, int x, int y,
                           @Nullable String categoryId, SeatStatus status) {
    }
}
