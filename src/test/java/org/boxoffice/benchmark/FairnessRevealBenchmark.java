package org.boxoffice.benchmark;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.support.RedisServer;
import org.boxoffice.waitingroom.QueueRecord;
import org.boxoffice.waitingroom.QueueShuffle;
import org.boxoffice.waitingroom.redis.RedisQueues;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What revealing a large pre-queue costs with Redis: 500,000 entries join, then their records are read (the reveal
 * and each fairness report do this, in HSCAN pages) and ordered by the shuffle, three times. Prints the times and the
 * Redis slow log (commands over its threshold, 10 ms by default), which shows whether a page held the server up.
 * Run: ./mvnw -B test -Dgroups=benchmark -Dbenchmark.excluded=none -Dtest=FairnessRevealBenchmark [-Dentries=N]
 */
@Tag("benchmark")
class FairnessRevealBenchmark {

    @Test
    void readsAndOrdersALargePreQueue() throws Exception {
        RedisConnections redis = new RedisConnections(RedisServer.url(12), Duration.ofSeconds(30));
        RedisQueues queues = new RedisQueues(redis);
        long event = System.currentTimeMillis();
        Instant onSale = Instant.now().plusSeconds(3600);
        QueueShuffle shuffle = QueueShuffle.draw(new SecureRandom());
        int entries = Integer.getInteger("entries", 500_000);
        redis.commands().slowlogReset();
        long start = System.nanoTime();
        try (ExecutorService joiners = Executors.newFixedThreadPool(16)) {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int part = t;
                all.add(joiners.submit(() -> {
                    for (int i = part; i < entries; i += 16) {
                        queues.join(event, "u" + i, shuffle, onSale, onSale.minusSeconds(60));
                    }
                }));
            }
            for (Future<?> joiner : all) {
                joiner.get();
            }
        }
        System.out.printf("%d joins in %.1f s%n", entries, (System.nanoTime() - start) / 1e9);
        for (int round = 1; round <= 3; round++) {
            long before = System.nanoTime();
            List<QueueRecord> records = queues.records(event, onSale, onSale.plusSeconds(1));
            long read = System.nanoTime();
            List<String> order = shuffle.order(records.stream().map(QueueRecord::entryId).toList());
            System.out.printf("round %d: %d records read in %.0f ms, ordered (%d) in %.0f ms%n", round, records.size(),
                    (read - before) / 1e6, order.size(), (System.nanoTime() - read) / 1e6);
        }
        System.out.println("slow log: " + redis.commands().slowlogGet(10));
        String tag = "{wr:" + event + "}";
        redis.commands().del(tag + ":line", tag + ":entries", tag + ":meta");
        redis.destroy();
    }
}
