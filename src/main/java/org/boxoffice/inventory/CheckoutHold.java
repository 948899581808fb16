package org.boxoffice.inventory;

/** What a checkout finds under a hold id: the caller's live hold, one of the caller's that is gone, or none of theirs. */
public sealed interface CheckoutHold {

    record Live(Hold hold) implements CheckoutHold {
    }

    /** The caller's hold, expired, released or already sold. */
    record Gone() implements CheckoutHold {
    }

    /** No hold of the caller's has this id: it is someone else's or never existed. */
    record NotTheCallers() implements CheckoutHold {
    }
}
