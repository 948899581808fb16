package org.boxoffice.benchmark;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.boxoffice.catalog.Category;
import org.boxoffice.catalog.Event;
import org.boxoffice.catalog.Seat;
import org.boxoffice.catalog.SeatingPlan;
import org.boxoffice.catalog.WaitingRoomSettings;
import org.boxoffice.inventory.PlaceResult;
import org.boxoffice.inventory.RecordingHolds;
import org.boxoffice.inventory.SeatInventory;
import org.boxoffice.inventory.memory.InMemorySeatInventoryFactory;
import org.boxoffice.inventory.redis.RedisSeatInventoryFactory;
import org.boxoffice.shared.Money;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.support.PostgresIntegrationTest;
import org.boxoffice.support.RedisServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Flash-sale contention: many buyers at once try to hold random seats of a small event, so most attempts fail.
 * Compares Boxoffice's inventories with the three seat-locking options of the seed design, all against the real
 * PostgreSQL and Redis on this machine, in one run so that the ratios are fair on a noisy shared machine.
 * Run: ./mvnw -B test -Dgroups=benchmark -Dbenchmark.excluded=none -Dtest=HoldContentionBenchmark
 */
@Tag("benchmark")
class HoldContentionBenchmark {
    private static final int SEATS = 2_000;
    private static final int THREADS = 32;
    private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 8));

    interface Attempt {
        boolean tryHold(int seat, String user) throws Exception;
    }

    @Test
    void holdAttemptsPerSecondUnderContention() throws Exception {
        Map<String, Double> results = new LinkedHashMap<>();
        try (Connection setup = DriverManager.getConnection(PostgresIntegrationTest.URL, PostgresIntegrationTest.USER, "")) {
            setup.createStatement().execute("DROP SCHEMA IF EXISTS bench CASCADE");
            setup.createStatement().execute("CREATE SCHEMA bench");
            setup.createStatement().execute("""
                    CREATE TABLE bench.seats (seat_id INT PRIMARY KEY, status VARCHAR(10) NOT NULL, reserved_by VARCHAR(64),
                                              version INT NOT NULL DEFAULT 0)""");
            setup.createStatement().execute("CREATE TABLE bench.reservations (seat_id INT, user_id VARCHAR(64))");
        }
        results.put("pessimistic SELECT FOR UPDATE (seed option 1)", run(pooled(this::pessimistic)));
        results.put("optimistic version column (seed option 2)", run(pooled(this::optimistic)));
        RedisClient client = RedisClient.create(RedisServer.url(9));
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().flushdb();
            results.put("Redis SET NX per seat + database insert (seed option 3)", run(pooledWithRedis(redis)));
        }
        client.shutdown();
        SeatingPlan plan = plan();
        SeatInventory memory = InMemorySeatInventoryFactory.create(new RecordingHolds(), Clock.systemUTC());
        results.put("Boxoffice in-process inventory (embedded mode)", run((seat, user) -> place(memory, plan, seat, user)));
        RedisConnections connections = new RedisConnections(RedisServer.url(9), Duration.ofSeconds(2));
        connections.commands().flushdb();
        SeatInventory redisInventory = RedisSeatInventoryFactory.create(connections, new RecordingHolds(), Clock.systemUTC());
        results.put("Boxoffice Redis inventory, one Lua script (distributed mode)", run((seat, user) -> place(redisInventory, plan, seat, user)));
        connections.destroy();

        double baseline = results.values().iterator().next();
        System.out.printf("%nHold attempts per second, %d threads, %d seats, %d s each (ratio to pessimistic locking)%n",
                THREADS, SEATS, RUN.toSeconds());
        results.forEach((name, rate) -> System.out.printf("| %-62s | %10.0f | %6.2fx |%n", name, rate, rate / baseline));
    }

    private static boolean place(SeatInventory inventory, SeatingPlan plan, int seat, String user) {
        Instant now = Instant.now();
        return inventory.place(plan, "h-" + user + "-" + seat, user, new int[] {seat}, 8, now, now.plusSeconds(600), now.plusSeconds(1200))
                instanceof PlaceResult.Placed;
    }

    /** Each thread tries random seats as fresh buyers until the time is up; returns attempts per second. */
    private double run(Attempt attempt) throws Exception {
        AtomicLong attempts = new AtomicLong();
        long end = System.nanoTime() + RUN.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    try {
                        attempt.tryHold(ThreadLocalRandom.current().nextInt(SEATS), "u" + ThreadLocalRandom.current().nextInt());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    attempts.incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return attempts.get() / (double) RUN.toSeconds();
    }

    private Attempt pooled(SqlAttempt attempt) throws SQLException {
        resetSeats();
        BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(10);
        for (int i = 0; i < 10; i++) {
            pool.add(DriverManager.getConnection(PostgresIntegrationTest.URL, PostgresIntegrationTest.USER, ""));
        }
        return (seat, user) -> {
            Connection connection = pool.take();
            try {
                return attempt.tryHold(connection, seat, user);
            } finally {
                pool.add(connection);
            }
        };
    }

    interface SqlAttempt {
        boolean tryHold(Connection connection, int seat, String user) throws SQLException;
    }

    private boolean pessimistic(Connection connection, int seat, String user) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT status FROM bench.seats WHERE seat_id = ? AND status = 'available' FOR UPDATE")) {
            lock.setInt(1, seat);
            try (ResultSet rs = lock.executeQuery()) {
                if (!rs.next()) {
                    connection.rollback();
                    return false;
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bench.seats SET status = 'reserved', reserved_by = ? WHERE seat_id = ?")) {
                update.setString(1, user);
                update.setInt(2, seat);
                update.executeUpdate();
            }
            connection.commit();
            return true;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private boolean optimistic(Connection connection, int seat, String user) throws SQLException {
        int version;
        try (PreparedStatement read = connection.prepareStatement("SELECT status, version FROM bench.seats WHERE seat_id = ?")) {
            read.setInt(1, seat);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                if (!"available".equals(rs.getString(1))) {
                    return false;
                }
                version = rs.getInt(2);
            }
        }
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE bench.seats SET status = 'reserved', reserved_by = ?, version = version + 1
                WHERE seat_id = ? AND version = ? AND status = 'available'""")) {
            update.setString(1, user);
            update.setInt(2, seat);
            update.setInt(3, version);
            return update.executeUpdate() == 1;
        }
    }

    private Attempt pooledWithRedis(StatefulRedisConnection<String, String> redis) throws SQLException {
        Attempt database = pooled((connection, seat, user) -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench.reservations (seat_id, user_id) VALUES (?, ?)")) {
                insert.setInt(1, seat);
                insert.setString(2, user);
                return insert.executeUpdate() == 1;
            }
        });
        return (seat, user) -> "OK".equals(redis.sync().set("seat_lock:" + seat, user, SetArgs.Builder.nx().ex(600)))
                && database.tryHold(seat, user);
    }

    private void resetSeats() throws SQLException {
        try (Connection connection = DriverManager.getConnection(PostgresIntegrationTest.URL, PostgresIntegrationTest.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE bench.seats, bench.reservations");
            statement.execute("INSERT INTO bench.seats (seat_id, status) SELECT g, 'available' FROM generate_series(0, " + (SEATS - 1) + ") g");
        }
    }

    private static SeatingPlan plan() {
        List<Seat> seats = new ArrayList<>();
        for (int i = 0; i < SEATS; i++) {
            seats.add(new Seat(i + 1, "A", String.valueOf(i / 50), i / 50, i % 50 + 1, "s" + i, 0, 0, 1L));
        }
        Event event = new Event(ThreadLocalRandom.current().nextLong(1, 1_000_000), "bench", "", 1, "v", Instant.now().plusSeconds(86_400),
                Instant.now().minusSeconds(60), 600, 8, "EUR", false, List.of(new Category(1, "A", Money.of("1.00", "EUR"), List.of("A"))),
                WaitingRoomSettings.DISABLED, "o");
        return new SeatingPlan(event, seats);
    }
}
