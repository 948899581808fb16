package org.boxoffice.catalog;

/** How an event's on-sale is protected by the waiting room. */
public record WaitingRoomSettings(boolean enabled, int admitPerMinute, int maxActiveUsers, int prequeueMinutes,
                                  long proofOfWorkMaxNumber) {
    public static final WaitingRoomSettings DISABLED = new WaitingRoomSettings(false, 600, 2000, 30, 100_000);
}
