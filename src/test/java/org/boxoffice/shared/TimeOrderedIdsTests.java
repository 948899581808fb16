package org.boxoffice.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTests {

    @Test
    void idsStartWithTheMillisecondTheyWereMadeInSoThatLaterOnesSortAfterEarlierOnes() {
        long before = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        long after = System.currentTimeMillis();

        long previous = 0;
        for (String id : ids) {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            long millis = uuid.getMostSignificantBits() >>> 16;
            assertThat(millis).isBetween(Math.max(before, previous), after);
            previous = millis;
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertThat(sorted.stream().map(id -> UUID.fromString(id).getMostSignificantBits() >>> 16).toList())
                .as("sorting the strings sorts by time").isSorted();
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }
}
