package org.boxoffice.benchmark;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seat inventories' hold path, without HTTP or database: single-seat and 4-seat holds on an event of 100,000
 * seats, uncontended (one thread, every hold succeeds: each op holds the next seats, which the holds of half a cycle
 * earlier free by expiring exactly then, so expiry is part of every op) and contended (two threads asking for the
 * same few seats, nearly every attempt refused). The expired holds are drained as the service's sweeper does. Not part of the test run; see docs/benchmarks.md for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class InventoryJmh {
    private static final int SEATS = 100_000;
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    /**
     * The service's sweeper hands the expired holds to the database once a second (a thousand ops of the
     * benchmark's clock); without it the expired holds pile up in the inventory and the benchmark measures the GC.
     */
    private static final int SWEEP_EVERY = 1000;

    @Param({"memory", "redis"})
    public String adapter;

    private SeatInventory inventory;
    private RedisConnections redis;
    private SeatingPlan plan;
    private final AtomicLong op = new AtomicLong();

    @Setup
    public void setUp() {
        plan = plan();
        RecordingHolds holds = new RecordingHolds();
        if (adapter.equals("redis")) {
            redis = new RedisConnections(System.getProperty("redis.url", "redis://127.0.0.1:6379/14"), Duration.ofSeconds(2));
            inventory = RedisSeatInventoryFactory.create(redis, holds, Clock.systemUTC());
        } else {
            inventory = InMemorySeatInventoryFactory.create(holds, Clock.systemUTC());
        }
    }

    @TearDown
    public void tearDown() {
        inventory.evict(plan.event().id());
        if (redis != null) {
            redis.destroy();
        }
    }

    /** A hold of {@code size} seats starting at the op's place in the cycle; every one of them succeeds. */
    private PlaceResult holdNext(int size) {
        long n = op.getAndIncrement();
        int first = (int) (n * size % SEATS);
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) {
            positions[i] = first + i;
        }
        // one millisecond per op: the hold made half a cycle ago expires exactly now and frees its seats
        Instant now = T0.plusMillis(n);
        if (n % SWEEP_EVERY == 0) {
            inventory.drainExpired(now);
        }
        return inventory.place(plan, "h" + n, "u" + (n % 1000), positions, 100, now, now.plusMillis(SEATS / size / 2), now.plusSeconds(3600));
    }

    @Benchmark
    @Threads(1)
    public PlaceResult uncontendedSingleSeat() {
        return holdNext(1);
    }

    @Benchmark
    @Threads(1)
    public PlaceResult uncontendedFourSeats() {
        return holdNext(4);
    }

    /** Two threads after the same eight seats, held for an hour: after the first moments every attempt is refused. */
    @Benchmark
    @Threads(2)
    public PlaceResult contendedSingleSeat() {
        long n = op.getAndIncrement();
        return inventory.place(plan, "c" + n, "u" + n, new int[] {(int) (n % 8)}, 100, T0, T0.plusSeconds(3600), T0.plusSeconds(7200));
    }

    private static SeatingPlan plan() {
        List<Seat> seats = new ArrayList<>(SEATS);
        for (int i = 0; i < SEATS; i++) {
            seats.add(new Seat(i + 1, "A", String.valueOf(i / 100), i / 100, i % 100 + 1, "s" + i, 0, 0, 1L));
        }
        Event event = new Event(System.nanoTime() % 1_000_000_000L + 1, "jmh", "", 1, "v", T0.plusSeconds(86_400 * 30),
                T0.minusSeconds(60), 600, 100, "EUR", false, List.of(new Category(1, "A", Money.of("1.00", "EUR"), List.of("A"))),
                WaitingRoomSettings.DISABLED, "o");
        return new SeatingPlan(event, seats);
    }
}
