package org.boxoffice.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.boxoffice.shared.Unavailable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A write whose caller gave up waiting is never written afterwards. */
class GroupCommitTimeoutTests {

    @Test
    void neverWritesAJobWhoseCallerTimedOut() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:group-commit-timeout;DB_CLOSE_DELAY=-1");
        GroupCommit groupCommit = new GroupCommit(new DataSourceTransactionManager(dataSource), 64, 1, Duration.ofMillis(200));
        groupCommit.start();
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread.ofVirtual().start(() -> groupCommit.submit(() -> {
                started.countDown();
                await(release);
                return 1;
            }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean written = new AtomicBoolean();

            assertThatThrownBy(() -> groupCommit.submit(() -> {
                written.set(true);
                return 2;
            })).isInstanceOf(Unavailable.class);
            release.countDown();
            // a later write goes through the same single writer, so once it is done the abandoned one had its chance
            assertThat(groupCommit.submit(() -> 3)).isEqualTo(3);

            assertThat(written).isFalse();
        } finally {
            groupCommit.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
