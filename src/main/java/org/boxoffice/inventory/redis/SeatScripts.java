package org.boxoffice.inventory.redis;

import io.lettuce.core.RedisException;
import java.util.List;
import org.boxoffice.shared.LuaScripts;
import org.boxoffice.shared.RedisConnections;

/**
 * The seat scripts (one per operation, each with the shared prelude), run by SHA with a fallback to loading
 * them again after Redis lost its script cache (restart, failover).
 */
final class SeatScripts {
    private static final String[] NAMES = {"place", "find", "extend", "release", "sold", "returned", "block", "unblock",
            "snapshot", "counts", "drain", "load", "forget"};

    private final RedisConnections redis;
    private final LuaScripts scripts;

    SeatScripts(RedisConnections redis) {
        this.redis = redis;
        this.scripts = new LuaScripts(redis, "redis/seats", NAMES);
    }

    /** The event's keys, all under one hash tag so that a Redis Cluster keeps them on one shard. */
    static String[] keys(long eventId) {
        String tag = "{ev:" + eventId + "}";
        return new String[] {tag + ":seats", tag + ":holds", tag + ":expiry", tag + ":owners", tag + ":users",
                tag + ":meta", tag + ":expired"};
    }

    /** Runs a script; a Redis failure becomes a 503 problem for the client. */
    List<Object> run(String name, long eventId, String... args) {
        return scripts.run(name, keys(eventId), args);
    }

    /** The server's run id: another one after every restart, and on the replica that a failover promotes. */
    String serverIdentity() {
        try {
            for (String line : redis.commands().info("server").split("\r?\n")) {
                if (line.startsWith("run_id:")) {
                    return line.substring("run_id:".length()).strip();
                }
            }
            return "unknown";
        } catch (RedisException e) {
            throw RedisConnections.unavailable(e);
        }
    }

    /** The server the event's state was built on, or null when Redis holds no state for it. */
    String builtOn(long eventId) {
        try {
            return redis.commands().hget(keys(eventId)[5], "server");
        } catch (RedisException e) {
            throw RedisConnections.unavailable(e);
        }
    }
}
