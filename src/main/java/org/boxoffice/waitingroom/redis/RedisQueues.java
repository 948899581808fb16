package org.boxoffice.waitingroom.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Random;
import org.boxoffice.infrastructure.LuaScripts;
import org.boxoffice.infrastructure.RedisConfigured;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.waitingroom.AdmissionRound;
import org.boxoffice.waitingroom.QueueEntry;
import org.boxoffice.waitingroom.QueueRecord;
import org.boxoffice.waitingroom.QueueShuffle;
import org.boxoffice.waitingroom.QueueStats;
import org.boxoffice.waitingroom.Queues;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Distributed queues: one sorted set per event, every operation one Lua script. The admission budget lives in
 * Redis too, so admitters on any number of nodes together admit at the configured rate, and each buyer is popped
 * from the line by exactly one of them.
 */
@Component
@Conditional(RedisConfigured.class)
public class RedisQueues implements Queues {
    private static final String[] NAMES = {"join", "find", "admit", "requeue", "finish", "stats", "seal", "rejected"};

    private final RedisConnections redis;
    private final Random random;
    private final LuaScripts scripts;

    @org.springframework.beans.factory.annotation.Autowired
    public RedisQueues(RedisConnections redis) {
        this(redis, new SecureRandom());
    }

    /** With a given source of entry ids, so that a test can repeat a draw. */
    public RedisQueues(RedisConnections redis, Random random) {
        this.redis = redis;
        this.random = random;
        this.scripts = new LuaScripts(redis, "redis/queue", NAMES);
    }

    @Override
    public QueueEntry join(long eventId, String userId, QueueShuffle shuffle, Instant onSaleAt, Instant now) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String entryId = HexFormat.of().formatHex(id);
        // Double.toString gives the shortest digits that parse back to the same double, as Redis parses them
        return entry(userId, run("join", eventId, ms(now), ms(onSaleAt), userId, Double.toString(shuffle.score(entryId)),
                String.valueOf(random.nextDouble()), entryId));
    }

    @Override
    public Optional<QueueEntry> find(long eventId, String userId, Instant onSaleAt, Instant now) {
        List<Object> result = run("find", eventId, ms(now), ms(onSaleAt), userId);
        return "NONE".equals(result.getFirst()) ? Optional.empty() : Optional.of(entry(userId, result));
    }

    @Override
    @SuppressWarnings("unchecked")
    public AdmissionRound admit(long eventId, Instant onSaleAt, int admitPerMinute, int maxActive, Duration admission, Instant now) {
        List<Object> result = run("admit", eventId, ms(now), ms(onSaleAt), String.valueOf(admitPerMinute), String.valueOf(maxActive),
                String.valueOf(admission.toMillis()));
        return new AdmissionRound(List.copyOf((List<String>) result.get(0)), List.copyOf((List<String>) result.get(1)));
    }

    @Override
    public void requeue(long eventId, String userId, Instant now) {
        run("requeue", eventId, ms(now), "0", userId, String.valueOf(random.nextDouble()));
    }

    @Override
    public void finish(long eventId, String userId) {
        run("finish", eventId, "0", "0", userId);
    }

    @Override
    public QueueStats stats(long eventId, Instant now) {
        List<Object> result = run("stats", eventId, ms(now), "0");
        return new QueueStats((Long) result.get(0), (Long) result.get(1), (Long) result.get(2));
    }

    @Override
    public List<QueueRecord> records(long eventId, Instant onSaleAt, Instant now) {
        run("seal", eventId, ms(now), ms(onSaleAt));
        String[] keys = keys(eventId);
        // read in pages, not in one command: HGETALL of a million fields would hold the server up for all that time
        Map<String, String> entries = scan(keys[4]);
        Map<String, String> firsts = scan(keys[5]);
        List<QueueRecord> records = new ArrayList<>(entries.size());
        entries.forEach((userId, value) -> {
            String[] entry = value.split(",");
            String first = firsts.get(userId);
            String[] admission = first == null ? new String[] {"0", null} : first.split(",");
            records.add(new QueueRecord(userId, entry[0], Instant.ofEpochMilli(Long.parseLong(entry[1])), "1".equals(entry[2]),
                    Long.parseLong(admission[0]), admission[1] == null ? null : Instant.ofEpochMilli(Long.parseLong(admission[1]))));
        });
        return records;
    }

    private Map<String, String> scan(String key) {
        Map<String, String> all = new HashMap<>();
        ScanArgs page = ScanArgs.Builder.limit(5_000);
        MapScanCursor<String, String> cursor = redis.commands().hscan(key, page);
        all.putAll(cursor.getMap());
        while (!cursor.isFinished()) {
            cursor = redis.commands().hscan(key, cursor, page);
            all.putAll(cursor.getMap());
        }
        return all;
    }

    @Override
    public Map<Long, Long> admissionsPerSecond(long eventId) {
        Map<Long, Long> perSecond = new TreeMap<>();
        redis.commands().hgetall(keys(eventId)[6]).forEach((second, count) -> perSecond.put(Long.parseLong(second), Long.parseLong(count)));
        return perSecond;
    }

    @Override
    public void addRejections(long eventId, Map<String, Long> counts) {
        List<String> args = new ArrayList<>(List.of("0", "0"));
        counts.forEach((reason, count) -> {
            args.add(reason);
            args.add(String.valueOf(count));
        });
        run("rejected", eventId, args.toArray(String[]::new));
    }

    @Override
    public Map<String, Long> rejections(long eventId) {
        Map<String, Long> counts = new TreeMap<>();
        redis.commands().hgetall(keys(eventId)[7]).forEach((reason, count) -> counts.put(reason, Long.parseLong(count)));
        return counts;
    }

    private static QueueEntry entry(String userId, List<Object> result) {
        QueueEntry.Status status = QueueEntry.Status.valueOf((String) result.get(0));
        long position = (Long) result.get(1);
        Object until = result.get(2);
        Instant admittedUntil = until instanceof String text ? Instant.ofEpochMilli((long) Double.parseDouble(text)) : null;
        boolean preQueue = (Long) result.get(3) == 1;
        return new QueueEntry(userId, status, position, admittedUntil, preQueue, (String) result.get(4),
                Instant.ofEpochMilli(Long.parseLong((String) result.get(5))));
    }

    private List<Object> run(String name, long eventId, String... args) {
        return scripts.run(name, keys(eventId), args);
    }

    private static String[] keys(long eventId) {
        String tag = "{wr:" + eventId + "}";
        return new String[] {tag + ":line", tag + ":active", tag + ":done", tag + ":meta", tag + ":entries", tag + ":first",
                tag + ":admits", tag + ":rejected"};
    }

    private static String ms(Instant instant) {
        return String.valueOf(instant.toEpochMilli());
    }
}
