package org.boxoffice.ticketing.internal;

import org.springframework.stereotype.Component;

/** The public half of the ticket signing key, as scanners and anyone checking a ticket receive it. */
@Component
public class PublicTicketKey {
    private final TicketSigningKey key;

    PublicTicketKey(TicketSigningKey key) {
        this.key = key;
    }

    public byte[] encoded() {
        return key.publicKey().getEncoded();
    }
}
