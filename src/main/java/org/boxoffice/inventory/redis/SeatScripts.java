package org.boxoffice.inventory.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.boxoffice.shared.RedisConnections;
import org.springframework.core.io.ClassPathResource;

/**
 * The seat scripts (one per operation, each with the shared prelude), run by SHA with a fallback to loading
 * them again after Redis lost its script cache (restart, failover).
 */
final class SeatScripts {
    private static final String[] NAMES = {"place", "find", "extend", "release", "sold", "returned", "block", "unblock",
            "snapshot", "drain", "load"};

    private final RedisConnections redis;
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    SeatScripts(RedisConnections redis) {
        this.redis = redis;
        String prelude = read("prelude");
        for (String name : NAMES) {
            sources.put(name, prelude + "\n" + read(name));
        }
    }

    /** The event's keys, all under one hash tag so that a Redis Cluster keeps them on one shard. */
    static String[] keys(long eventId) {
        String tag = "{ev:" + eventId + "}";
        return new String[] {tag + ":seats", tag + ":holds", tag + ":expiry", tag + ":owners", tag + ":users",
                tag + ":meta", tag + ":expired"};
    }

    /** Runs a script; a Redis failure becomes a 503 problem for the client. */
    List<Object> run(String name, long eventId, String... args) {
        try {
            RedisCommands<String, String> commands = redis.commands();
            String sha = shas.computeIfAbsent(name, n -> commands.scriptLoad(sources.get(n)));
            try {
                return commands.evalsha(sha, ScriptOutputType.MULTI, keys(eventId), args);
            } catch (RedisNoScriptException e) {
                shas.put(name, commands.scriptLoad(sources.get(name)));
                return commands.evalsha(shas.get(name), ScriptOutputType.MULTI, keys(eventId), args);
            }
        } catch (RedisException e) {
            throw RedisConnections.unavailable(e);
        }
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

    void delete(long eventId) {
        try {
            redis.commands().del(keys(eventId));
        } catch (RedisException e) {
            throw RedisConnections.unavailable(e);
        }
    }

    private static String read(String name) {
        try {
            return new ClassPathResource("redis/seats/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
