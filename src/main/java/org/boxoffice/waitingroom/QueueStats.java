package org.boxoffice.waitingroom;

public record QueueStats(long waiting, long active) {
}
