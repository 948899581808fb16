package org.boxoffice.inventory;

import java.time.Instant;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Who held seats of an event when: the waiting room's fairness report checks that every holder came through it. */
@Component
public class HoldHistory {
    private final Holds holds;

    HoldHistory(Holds holds) {
        this.holds = holds;
    }

    /** The users who placed a hold on the event in [from, to). */
    public Set<String> holdersBetween(long eventId, Instant from, Instant to) {
        return holds.holdersBetween(eventId, from, to);
    }
}
