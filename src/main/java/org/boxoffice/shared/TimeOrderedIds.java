package org.boxoffice.shared;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochRandomGenerator;

/**
 * Ids for rows written on the hot path (holds, orders, tickets, payments): UUID version 7, which starts with the
 * time in milliseconds and ends in 74 random bits (random for every id, no counter, so one id tells nothing of the
 * next). Ids of later milliseconds sort after earlier ones, so a new row lands at the end of each index on its id
 * instead of at a random place in it: far fewer index pages change per commit (in H2, every changed page is written
 * again whole). They stay unguessable UUID strings to clients, but an id tells the millisecond it was made in: use
 * them only where that is no secret (a hold, an order or a ticket is made when its buyer acts).
 */
public final class TimeOrderedIds {
    private static final TimeBasedEpochRandomGenerator GENERATOR = Generators.timeBasedEpochRandomGenerator();

    private TimeOrderedIds() {
    }

    public static String next() {
        return GENERATOR.generate().toString();
    }
}
