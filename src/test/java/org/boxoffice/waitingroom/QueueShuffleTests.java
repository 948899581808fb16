package org.boxoffice.waitingroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.boxoffice.support.IndependentShuffle;
import org.junit.jupiter.api.Test;

/** The documented shuffle against the tests' own reading of its description ({@code support.IndependentShuffle}). */
class QueueShuffleTests {
    private static final HexFormat HEX = HexFormat.of();

    private static List<String> entryIds(Random random, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            ids.add(HEX.formatHex(id));
        }
        return ids;
    }

    @Test
    void ordersEntriesByTheirHmacUnderTheSeedAsTheDocumentationSays() {
        QueueShuffle shuffle = QueueShuffle.draw(new SecureRandom());
        List<String> ids = entryIds(new Random(1), 2_000);

        assertThat(shuffle.order(ids)).isEqualTo(IndependentShuffle.order(shuffle.seed(), ids));
        assertThat(shuffle.order(ids)).isNotEqualTo(ids.stream().sorted().toList());
    }

    @Test
    void commitsToTheSeedWithItsSha256() throws Exception {
        QueueShuffle shuffle = new QueueShuffle("00".repeat(31) + "01");

        String expected = IndependentShuffle.commitment(shuffle.seed());

        assertThat(shuffle.commitment()).isEqualTo(expected).hasSize(64);
        assertThat(QueueShuffle.draw(new SecureRandom()).commitment()).isNotEqualTo(shuffle.commitment());
    }

    @Test
    void anotherSeedOrOneOtherEntryChangesTheOrder() {
        List<String> ids = entryIds(new Random(2), 300);
        QueueShuffle one = QueueShuffle.draw(new SecureRandom());
        QueueShuffle other = QueueShuffle.draw(new SecureRandom());
        List<String> changed = new ArrayList<>(ids);
        changed.set(150, entryIds(new Random(3), 1).getFirst());

        assertThat(other.order(ids)).isNotEqualTo(one.order(ids));
        assertThat(one.order(changed)).isNotEqualTo(one.order(ids));
        // an entry's own key does not depend on the others: the rest keep their relative order
        assertThat(one.order(changed).stream().filter(ids::contains).toList())
                .isEqualTo(one.order(ids).stream().filter(id -> !id.equals(ids.get(150))).toList());
    }

    @Test
    void scoresCompareAsTheirKeysDo() throws Exception {
        QueueShuffle shuffle = QueueShuffle.draw(new SecureRandom());
        List<String> ids = entryIds(new Random(4), 5_000);

        List<String> byScore = ids.stream().sorted(Comparator.comparingDouble(shuffle::score)).toList();

        assertThat(byScore).isEqualTo(shuffle.order(ids));
        assertThat(ids).allSatisfy(id -> assertThat(shuffle.score(id)).isGreaterThanOrEqualTo(0).isLessThan(1));
        String first = ids.getFirst();
        assertThat(shuffle.score(first)).isEqualTo(IndependentShuffle.key(shuffle.seed(), first).shiftRight(256 - 53).longValueExact() * 0x1p-53);
    }

    @Test
    void refusesASeedThatIsNotThirtyTwoBytesOfHex() {
        assertThatThrownBy(() -> new QueueShuffle("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueShuffle("G".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueShuffle("AB".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }
}
