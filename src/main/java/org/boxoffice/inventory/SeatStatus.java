package org.boxoffice.inventory;

public enum SeatStatus {
    AVAILABLE, HELD, SOLD, BLOCKED;

    private static final SeatStatus[] BY_CODE = values();

    public byte code() {
        return (byte) ordinal();
    }

    public static SeatStatus of(byte code) {
        return BY_CODE[code];
    }
}
