package org.boxoffice.infrastructure;

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
import org.springframework.core.io.ClassPathResource;

/**
 * A family of Lua scripts sharing a prelude (classpath {@code folder/prelude.lua} + {@code folder/NAME.lua}), run by
 * SHA, loaded again when Redis lost its script cache (restart, failover). A Redis failure becomes a 503 problem.
 */
public final class LuaScripts {
    private final RedisConnections redis;
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    public LuaScripts(RedisConnections redis, String folder, String... names) {
        this.redis = redis;
        String prelude = read(folder, "prelude");
        for (String name : names) {
            sources.put(name, prelude + "\n" + read(folder, name));
        }
    }

    public List<Object> run(String name, String[] keys, String... args) {
        try {
            RedisCommands<String, String> commands = redis.commands();
            String sha = shas.computeIfAbsent(name, n -> commands.scriptLoad(sources.get(n)));
            try {
                return commands.evalsha(sha, ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                shas.put(name, commands.scriptLoad(sources.get(name)));
                return commands.evalsha(shas.get(name), ScriptOutputType.MULTI, keys, args);
            }
        } catch (RedisException e) {
            throw RedisConnections.unavailable(e);
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
