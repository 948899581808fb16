package org.boxoffice.inventory.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.boxoffice.infrastructure.LuaScripts;
import org.boxoffice.infrastructure.RedisConnections;
import org.boxoffice.inventory.SeatCounts;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seat scripts (one per operation, each with the shared prelude in {@code redis/seats}), called with typed
 * arguments: every script gets the event id and the time as ARGV 1 and 2, then its own (see each script's header).
 * Run by SHA with a fallback to loading them again after Redis lost its script cache (restart, failover); a Redis
 * failure is {@link org.boxoffice.shared.Unavailable}.
 */
final class SeatScripts {
    enum Script {
        PLACE, FIND, EXTEND, RELEASE, SOLD, RETURNED, BLOCK, UNBLOCK, SNAPSHOT, COUNTS, DRAIN, LOAD, FORGET, SERVER;

        String file() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a script ended: its reply's first number. */
    enum Outcome {
        /** -1: Redis holds no state for the event; it must be rebuilt from the database first. */
        NOT_LOADED,
        /** 0: refused (seats unavailable, hold gone). */
        REFUSED,
        /** 1: done. */
        DONE,
        /** 2: the buyer would hold more seats than the event allows. */
        OVER_LIMIT;

        static Outcome of(long code) {
            return switch ((int) code) {
                case -1 -> NOT_LOADED;
                case 0 -> REFUSED;
                case 1 -> DONE;
                case 2 -> OVER_LIMIT;
                default -> throw new IllegalStateException("Unknown seat script outcome " + code);
            };
        }
    }

    /** A script's reply: its outcome, then values by position as the script's header lists them. */
    record Reply(List<Object> values) {
        Outcome outcome() {
            return Outcome.of((Long) values.getFirst());
        }

        long number(int index) {
            return (Long) values.get(index);
        }

        String text(int index) {
            return (String) values.get(index);
        }

        /** Seat positions from {@code index} to the end. */
        List<Integer> positionsFrom(int index) {
            return values.subList(index, values.size()).stream().map(o -> (int) ((Long) o).longValue()).toList();
        }

        /** Stored holds from {@code index} to the end. */
        List<RedisHold> holdsFrom(int index) {
            return values.subList(index, values.size()).stream().map(o -> JSON.readValue((String) o, RedisHold.class)).toList();
        }
    }

    /** An event's state as the database records it, for the load script. */
    record Rebuild(String states, long seqFloor, long fenceFloor, List<RedisHold> holds, List<Object[]> sold,
                   SeatCounts counts) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] FILES = java.util.Arrays.stream(Script.values()).map(Script::file).toArray(String[]::new);

    private final RedisConnections redis;
    private final LuaScripts scripts;

    SeatScripts(RedisConnections redis) {
        this.redis = redis;
        this.scripts = new LuaScripts(redis, "redis/seats", FILES);
    }

    /** The event's keys, all under one hash tag so that a Redis Cluster keeps them on one shard. */
    static String[] keys(long eventId) {
        String tag = "{ev:" + eventId + "}";
        return new String[] {tag + ":seats", tag + ":holds", tag + ":expiry", tag + ":owners", tag + ":users",
                tag + ":meta", tag + ":expired"};
    }

    /** {1, fence, seq} | {0, earliest expiry, unavailable positions...} | {2, seats already held or bought}. */
    Reply place(long eventId, Instant now, String holdId, String userId, int userLimit, Instant expiresAt,
                Instant maxExpiresAt, int[] positions) {
        return run(Script.PLACE, eventId, now, holdId, userId, String.valueOf(userLimit), ms(now), ms(expiresAt),
                ms(maxExpiresAt), csv(positions));
    }

    /** {1, hold} while the hold lives | {0}. */
    Reply find(long eventId, Instant now, String holdId) {
        return run(Script.FIND, eventId, now, holdId);
    }

    /** {1, hold} | {0} gone. */
    Reply extend(long eventId, Instant now, String holdId, Instant newExpiresAt) {
        return run(Script.EXTEND, eventId, now, holdId, ms(newExpiresAt));
    }

    /** {1} released | {0} already gone. */
    Reply release(long eventId, Instant now, String holdId) {
        return run(Script.RELEASE, eventId, now, holdId);
    }

    /** The database accepted the sale; Redis follows. */
    Reply sold(long eventId, Instant now, String holdId, String userId, int[] positions) {
        return run(Script.SOLD, eventId, now, holdId, userId, csv(positions));
    }

    /** Sold seats of a cancelled order are for sale again. */
    Reply returned(long eventId, Instant now, String userId, int[] positions) {
        return run(Script.RETURNED, eventId, now, userId, csv(positions));
    }

    /** {1} blocked | {0, held or sold positions...} nothing blocked. */
    Reply block(long eventId, Instant now, int[] positions) {
        return run(Script.BLOCK, eventId, now, csv(positions));
    }

    Reply unblock(long eventId, Instant now, int[] positions) {
        return run(Script.UNBLOCK, eventId, now, csv(positions));
    }

    /** {1, seq, seat states (one digit per position)}. */
    Reply snapshot(long eventId, Instant now) {
        return run(Script.SNAPSHOT, eventId, now);
    }

    /** {1, seq, available, held, sold, blocked, earliest expiry (-1: no live hold)}. */
    Reply counts(long eventId, Instant now) {
        return run(Script.COUNTS, eventId, now);
    }

    /** {1, expired hold...}: each expired hold handed out once. */
    Reply drain(long eventId, Instant now) {
        return run(Script.DRAIN, eventId, now);
    }

    /** Rebuilds the event from the database's record unless another node already did: {1} rebuilt | {0}. */
    Reply load(long eventId, Instant now, Rebuild rebuild) {
        return run(Script.LOAD, eventId, now, rebuild.states(), String.valueOf(rebuild.seqFloor()),
                String.valueOf(rebuild.fenceFloor()), JSON.writeValueAsString(rebuild.holds()),
                JSON.writeValueAsString(rebuild.sold()), String.valueOf(rebuild.counts().available()),
                String.valueOf(rebuild.counts().held()), String.valueOf(rebuild.counts().sold()),
                String.valueOf(rebuild.counts().blocked()));
    }

    /** Forgets the event's state if it was built on {@code builtOn} ("" forgets it whatever it was built on). */
    Reply forget(long eventId, String builtOn) {
        return run(Script.FORGET, eventId, Instant.EPOCH, builtOn);
    }

    /**
     * {1, the run id of the server holding the event's keys, the run id its state was built on ("" when none)}. A run id
     * is another one after every restart, and on the replica that a failover promotes; on a cluster, the script runs on
     * the primary of the event's slot, so each event is checked against its own shard.
     */
    Reply server(long eventId) {
        return run(Script.SERVER, eventId, Instant.EPOCH);
    }

    private Reply run(Script script, long eventId, Instant now, String... args) {
        List<String> argv = new ArrayList<>(args.length + 2);
        argv.add(String.valueOf(eventId));
        argv.add(ms(now));
        argv.addAll(List.of(args));
        return new Reply(scripts.run(script.file(), keys(eventId), argv.toArray(String[]::new)));
    }

    private static String ms(Instant instant) {
        return String.valueOf(instant.toEpochMilli());
    }

    private static String csv(int[] positions) {
        return IntStream.of(positions).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }
}
