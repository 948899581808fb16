package org.boxoffice.infrastructure;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;

/**
 * A family of Lua scripts sharing a prelude (classpath {@code folder/prelude.lua} + {@code folder/NAME.lua}), run by
 * SHA. A server that does not know a script yet (first use, restart, failover, another cluster primary) gets it in full
 * once, with EVAL, which runs it where its keys live and keeps it there. A Redis failure becomes a 503 problem.
 */
public final class LuaScripts {
    private final RedisConnections redis;
    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, String> shas = new HashMap<>();

    public LuaScripts(RedisConnections redis, String folder, String... names) {
        this.redis = redis;
        String prelude = read(folder, "prelude");
        for (String name : names) {
            String source = prelude + "\n" + read(folder, name);
            sources.put(name, source);
            shas.put(name, sha1(source));
        }
    }

    public List<Object> run(String name, String[] keys, String... args) {
        try {
            RedisClusterCommands<String, String> commands = redis.commands();
            try {
                return commands.evalsha(shas.get(name), ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                return commands.eval(sources.get(name), ScriptOutputType.MULTI, keys, args);
            }
        } catch (RedisException e) {
            throw RedisConnections.unavailable(e);
        }
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private static String read(String folder, String name) {
        try {
            return new ClassPathResource(folder + "/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
