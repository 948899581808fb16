package org.boxoffice.inventory;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Either named seats or a best-available request, as the client sent it. */
public record HoldRequest(@Nullable List<String> seatIds, @Nullable Best best) {
    public record Best(@Nullable Integer quantity, @Nullable String categoryId, @Nullable String section) {
    }
}
