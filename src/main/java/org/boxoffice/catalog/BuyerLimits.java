package org.boxoffice.catalog;

import org.jspecify.annotations.Nullable;

/**
 * What an organizer asks of buyers beyond {@code maxSeatsPerOrder} (which holds per account), against scalpers with
 * many accounts:
 * <ul>
 * <li>{@code requireVerifiedEmail}: only buyers who proved their e-mail address may hold seats, so each account costs
 * a real mailbox;</li>
 * <li>{@code seatsPerAddressPerHour}: seats held from one client address in an hour, across all its accounts;</li>
 * <li>{@code seatsPerCard}: seats bought with one payment card (as the gateway fingerprints it);</li>
 * <li>{@code holdsPerBuyerPerHour}: holds one buyer may place in an hour, which ends release-and-hold-again loops
 * that keep seats off sale.</li>
 * </ul>
 * A null limit is not enforced.
 */
public record BuyerLimits(boolean requireVerifiedEmail, @Nullable Integer seatsPerAddressPerHour, @Nullable Integer seatsPerCard,
                          @Nullable Integer holdsPerBuyerPerHour) {
    public static final BuyerLimits NONE = new BuyerLimits(false, null, null, null);
}
