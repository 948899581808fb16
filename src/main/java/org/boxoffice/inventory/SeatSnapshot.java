package org.boxoffice.inventory;

/** The status code of every seat of an event, in plan order, at change number {@code seq}. */
public record SeatSnapshot(long seq, byte[] statuses) {

    public SeatStatus status(int position) {
        return SeatStatus.of(statuses[position]);
    }

    public int count(SeatStatus status) {
        int n = 0;
        for (byte b : statuses) {
            if (b == status.code()) {
                n++;
            }
        }
        return n;
    }
}
