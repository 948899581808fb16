package org.boxoffice.ordering;

import org.jspecify.annotations.Nullable;

/** The body of a checkout, exactly as the client sent it. */
public record CheckoutRequest(@Nullable String holdId, @Nullable Payment payment) {
    public record Payment(@Nullable String method, @Nullable String token) {
    }
}
