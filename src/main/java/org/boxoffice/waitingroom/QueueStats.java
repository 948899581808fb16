package org.boxoffice.waitingroom;

/** {@code admittedTotal} counts every admission so far, from which the admission rate is measured. */
public record QueueStats(long waiting, long active, long admittedTotal) {
}
