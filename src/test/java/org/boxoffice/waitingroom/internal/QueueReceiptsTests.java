package org.boxoffice.waitingroom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Receipts signed in batches: each one proves its own claims through its Merkle path, and nothing else. */
class QueueReceiptsTests {
    private QueueReceipts receipts;

    @BeforeEach
    void start() throws Exception {
        Path folder = Files.createTempDirectory("receipts");
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:" + folder.resolve("db"), "sa", ""));
        jdbc.sql("CREATE TABLE queue_receipt_keys (id VARCHAR(40) PRIMARY KEY, jwk VARCHAR(2000) NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)")
                .update();
        receipts = new QueueReceipts(jdbc, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        receipts.stop();
    }

    private List<String> issuedAtOnce(int count) throws Exception {
        try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> issued = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String entryId = String.format("%032x", i);
                issued.add(buyers.submit(() -> receipts.issue(new QueueReceipts.Receipt(7, entryId, Instant.parse("2030-01-01T10:00:00Z"), true))));
            }
            List<String> all = new ArrayList<>();
            for (Future<String> receipt : issued) {
                all.add(receipt.get());
            }
            return all;
        }
    }

    @Test
    void signsJoinsThatArriveTogetherInOneBatchEachWithItsOwnPath() throws Exception {
        List<String> issued = issuedAtOnce(400);

        long batched = issued.stream().filter(r -> !r.split("\\.")[2].isEmpty()).count();
        assertThat(batched).as("receipts that share a signature with others").isGreaterThan(1);
        for (int i = 0; i < issued.size(); i++) {
            QueueReceipts.Receipt facts = receipts.verify(issued.get(i)).orElseThrow();
            assertThat(facts.entryId()).isEqualTo(String.format("%032x", i));
            assertThat(facts.eventId()).isEqualTo(7);
            assertThat(facts.preQueue()).isTrue();
            assertThat(facts.joinedAt()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z"));
        }
    }

    @Test
    void refusesClaimsOrPathsTakenFromAnotherReceiptOfTheSameBatch() throws Exception {
        List<String> issued = issuedAtOnce(400);
        String[] one = null;
        String[] other = null;
        for (String a : issued) {
            for (String b : issued) {
                String[] x = a.split("\\.");
                String[] y = b.split("\\.");
                if (a != b && x[5].equals(y[5]) && !x[2].equals(y[2])) {
                    one = x;
                    other = y;
                }
            }
            if (one != null) {
                break;
            }
        }
        assertThat(one).as("two receipts of one batch").isNotNull();

        String[] claimsSwapped = one.clone();
        claimsSwapped[1] = other[1];
        String[] pathSwapped = one.clone();
        pathSwapped[2] = other[2];
        String[] pathBitFlipped = one.clone();
        byte[] path = Base64.getUrlDecoder().decode(one[2]);
        path[path.length - 1] ^= 1;
        pathBitFlipped[2] = Base64.getUrlEncoder().withoutPadding().encodeToString(path);

        assertThat(receipts.verify(String.join(".", one))).isPresent();
        assertThat(receipts.verify(String.join(".", claimsSwapped))).isEmpty();
        assertThat(receipts.verify(String.join(".", pathSwapped))).isEmpty();
        assertThat(receipts.verify(String.join(".", pathBitFlipped))).isEmpty();
        assertThat(receipts.verify("qr1.." + one[2] + "." + one[3] + "." + one[4] + "." + one[5])).isEmpty();
        // a step whose sibling is on the right, its side byte 1 written as 2: read as "right" too, it would still verify
        String[] sideChanged = issued.stream().map(r -> r.split("\\.")).filter(r -> Base64.getUrlDecoder().decode(r[2]).length > 0
                && Base64.getUrlDecoder().decode(r[2])[0] == 1).findFirst().orElseThrow();
        byte[] steps = Base64.getUrlDecoder().decode(sideChanged[2]);
        steps[0] = 2;
        sideChanged[2] = Base64.getUrlEncoder().withoutPadding().encodeToString(steps);
        assertThat(receipts.verify(String.join(".", sideChanged))).isEmpty();
    }
}
