package org.boxoffice.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.boxoffice.shared.Unavailable;
import org.junit.jupiter.api.Test;

class PasswordHashingTests {

    @Test
    void matchesOnlyTheRightPasswordAndNeverAMissingHash() {
        PasswordHashing hashing = new PasswordHashing(4, 1, 8, new SimpleMeterRegistry());
        String hash = hashing.encode("lantern-biscuit-90");

        assertThat(hashing.matches("lantern-biscuit-90", hash)).isTrue();
        assertThat(hashing.matches("lantern-biscuit-91", hash)).isFalse();
        assertThat(hashing.matches("lantern-biscuit-90", null)).isFalse();
        hashing.destroy();
    }

    @Test
    void anUnknownAccountNeverMatchesBeforeOrAfterTheDecoyIsHashedAtReady() {
        PasswordHashing hashing = new PasswordHashing(4, 1, 8, new SimpleMeterRegistry());

        assertThat(hashing.matches("lantern-biscuit-90", null)).isFalse(); // the decoy is made on demand
        hashing.hashDecoy();
        assertThat(hashing.matches("lantern-biscuit-90", null)).isFalse();
        hashing.destroy();
    }

    @Test
    void refusesWithAProblemInsteadOfQueueingWhenHashingIsSaturated() throws Exception {
        // one thread and one place in the queue: of six checks at once, at most two are taken
        PasswordHashing hashing = new PasswordHashing(12, 1, 1, new SimpleMeterRegistry());
        String hash = hashing.encode("lantern-biscuit-90");
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> check = () -> {
            start.await();
            try {
                hashing.matches("lantern-biscuit-90", hash);
                return 200;
            } catch (Unavailable refused) {
                return 503;
            }
        };
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = IntStream.range(0, 6).mapToObj(i -> threads.submit(check)).toList();
            start.countDown();
            List<Integer> statuses = results.stream().map(PasswordHashingTests::get).toList();

            assertThat(statuses).contains(503);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isBetween(1L, 2L);
        } finally {
            hashing.destroy();
        }
    }

    private static Integer get(Future<Integer> future) {
        try {
            return future.get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
