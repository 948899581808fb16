package org.boxoffice.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.boxoffice.infrastructure.GroupCommit;
import org.boxoffice.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Many concurrent writes share few commits on PostgreSQL, and a failing write takes only itself down. */
class GroupCommitTests extends PostgresIntegrationTest {
    @Autowired
    GroupCommit groupCommit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentWritesShareTransactionsAndFailAlone() throws Exception {
        jdbc.sql("CREATE TABLE IF NOT EXISTS group_commit_probe (id INT PRIMARY KEY, tx BIGINT NOT NULL)").update();
        jdbc.sql("DELETE FROM group_commit_probe").update();
        jdbc.sql("INSERT INTO group_commit_probe (id, tx) VALUES (-1, 0)").update();
        int writes = 200;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writes; i++) {
                // every tenth write collides with the existing row
                int id = i % 10 == 0 ? -1 : i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        groupCommit.submit(() -> jdbc.sql("INSERT INTO group_commit_probe (id, tx) VALUES (:id, txid_current())")
                                .param("id", id).update());
                    } catch (DuplicateKeyException expected) {
                        failures.add(expected);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(1, TimeUnit.MINUTES);
            }
        }

        assertThat(failures).hasSize(writes / 10);
        List<Long> transactions = jdbc.sql("SELECT tx FROM group_commit_probe WHERE id >= 0").query(Long.class).list();
        assertThat(transactions).hasSize(writes - writes / 10);
        Set<Long> distinct = new HashSet<>(transactions);
        assertThat(distinct.size()).as("commits shared by %d writes", transactions.size()).isLessThan(transactions.size() / 2);
    }
}
