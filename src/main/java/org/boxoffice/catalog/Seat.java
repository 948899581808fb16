package org.boxoffice.catalog;

import org.jspecify.annotations.Nullable;

/**
 * A seat of an event's venue. {@code rowIndex} numbers the rows of the whole venue, so seats with the same
 * rowIndex and consecutive numbers sit side by side. A seat without a category is not for sale.
 */
public record Seat(long id, String section, String row, int rowIndex, int number, String label, int x, int y,
                   @Nullable Long categoryId) {
}
