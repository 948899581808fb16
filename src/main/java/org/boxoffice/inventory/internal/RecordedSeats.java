package org.boxoffice.inventory.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.inventory.Holds;
import org.boxoffice.inventory.LiveHold;
import org.boxoffice.inventory.SeatStatus;

/**
 * An event's seat states as the database records them: what the live inventory is rebuilt from, and what
 * browsing falls back to while the live inventory is unreachable. Of overlapping holds only the newest
 * (highest fence) counts; an older one could never be sold.
 */
public record RecordedSeats(byte[] statuses, List<LiveHold> holds, Map<Integer, String> soldTo) {

    public static RecordedSeats of(SeatingPlan plan, Holds.EventRecord record) {
        byte[] statuses = new byte[plan.size()];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = (plan.seat(i).categoryId() == null ? SeatStatus.BLOCKED : SeatStatus.AVAILABLE).code();
        }
        record.blockedSeatIds().forEach(id -> {
            int p = plan.positionOf(id);
            if (p >= 0) {
                statuses[p] = SeatStatus.BLOCKED.code();
            }
        });
        Map<Integer, String> sold = new LinkedHashMap<>();
        record.soldSeatOwners().forEach((id, user) -> {
            int p = plan.positionOf(id);
            if (p >= 0) {
                statuses[p] = SeatStatus.SOLD.code();
                sold.put(p, user);
            }
        });
        List<Holds.StoredHold> newestFirst = new ArrayList<>(record.activeHolds());
        newestFirst.sort((a, b) -> Long.compare(b.fence(), a.fence()));
        List<LiveHold> holds = new ArrayList<>();
        for (Holds.StoredHold stored : newestFirst) {
            int[] positions = stored.seatIds().stream().mapToInt(plan::positionOf).filter(p -> p >= 0).toArray();
            if (IntStream.of(positions).allMatch(p -> statuses[p] == SeatStatus.AVAILABLE.code())) {
                IntStream.of(positions).forEach(p -> statuses[p] = SeatStatus.HELD.code());
                holds.add(new LiveHold(stored.holdId(), stored.eventId(), stored.userId(), stored.fence(), positions,
                        stored.createdAt(), stored.expiresAt(), stored.maxExpiresAt()));
            }
        }
        return new RecordedSeats(statuses, holds, sold);
    }
}
