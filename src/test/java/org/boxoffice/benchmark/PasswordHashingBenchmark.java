package org.boxoffice.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * What a password check costs at each bcrypt work factor on this machine, and how many sign-ins a second a node can
 * afford on its hashing threads (one per two cores by default), for choosing {@code boxoffice.auth.bcrypt-cost}.
 * Run: ./mvnw -B test -Dgroups=benchmark -Dbenchmark.excluded=none -Dtest=PasswordHashingBenchmark
 */
@Tag("benchmark")
class PasswordHashingBenchmark {
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 5));

    @Test
    void checksPerSecondAtEachWorkFactor() throws Exception {
        int hashingThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        System.out.printf("cores %d, hashing threads %d%n", Runtime.getRuntime().availableProcessors(), hashingThreads);
        for (int cost = 8; cost <= 12; cost++) {
            BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(cost);
            String hash = encoder.encode("lantern-biscuit-90");
            for (int i = 0; i < 3; i++) {
                encoder.matches("warm-up", hash);
            }
            AtomicLong checks = new AtomicLong();
            long deadline = System.nanoTime() + RUN.toNanos();
            try (var pool = Executors.newFixedThreadPool(hashingThreads)) {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < hashingThreads; t++) {
                    workers.add(pool.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            encoder.matches("wrong-guess", hash);
                            checks.incrementAndGet();
                        }
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            }
            double perSecond = checks.get() / (double) RUN.toSeconds();
            System.out.printf("bcrypt cost %2d: %7.1f ms a check, %6.1f checks/s on %d thread(s)%n", cost,
                    1000.0 * hashingThreads / perSecond, perSecond, hashingThreads);
        }
    }
}
