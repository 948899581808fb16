package org.boxoffice.inventory;

import org.jspecify.annotations.Nullable;

/** Ask for the best {@code quantity} adjacent seats, optionally only in one category or section. */
public record BestSeatsRequest(int quantity, @Nullable Long categoryId, @Nullable String section) implements HoldChoice {
}
