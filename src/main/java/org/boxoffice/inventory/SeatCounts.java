package org.boxoffice.inventory;

public record SeatCounts(int available, int held, int sold, int blocked) {

    /** Counts seat status codes (one per seat, in plan order), in one pass. */
    public static SeatCounts of(byte[] statuses) {
        int[] counts = new int[SeatStatus.values().length];
        for (byte code : statuses) {
            counts[code]++;
        }
        return new SeatCounts(counts[SeatStatus.AVAILABLE.code()], counts[SeatStatus.HELD.code()], counts[SeatStatus.SOLD.code()],
                counts[SeatStatus.BLOCKED.code()]);
    }
}
