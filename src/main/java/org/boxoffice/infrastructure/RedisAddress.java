package org.boxoffice.infrastructure;

import io.lettuce.core.RedisURI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where Redis is, read from {@code BOXOFFICE_REDIS_URL}: one server ({@code redis://}, {@code rediss://} with TLS), a
 * Redis Cluster ({@code redis-cluster://host:port,host:port}, or the nodes alone in {@code BOXOFFICE_REDIS_CLUSTER_NODES}),
 * or a primary that Sentinel watches ({@code redis-sentinel://host:port,host:port/primary-name}). Credentials come from
 * the URL ({@code user:password@}) or from the username and password settings, which win; with Sentinel they are the
 * data servers', the sentinels are asked without.
 */
public sealed interface RedisAddress {
    int PORT = 6379;
    int SENTINEL_PORT = 26379;

    /** One server; also the form Lettuce itself reads ({@code redis://}, {@code rediss://}, {@code redis-socket://}). */
    record Server(RedisURI uri) implements RedisAddress {
    }

    /** A Redis Cluster, found through any of these nodes. */
    record Cluster(List<RedisURI> seeds) implements RedisAddress {
    }

    /** The primary Sentinel names {@code uri.getSentinelMasterId()}, found through the sentinels in {@code uri}. */
    record Sentinel(RedisURI uri) implements RedisAddress {
    }

    /**
     * Reads the settings; blank values mean "not given". Throws {@link IllegalArgumentException} with the reason when the
     * URL cannot be read, so a node with a typo stops at start instead of running without Redis.
     */
    static RedisAddress parse(String url, String clusterNodes, @Nullable String username, @Nullable String password) {
        String trimmed = url.strip();
        if (trimmed.isEmpty() && !clusterNodes.isBlank()) {
            trimmed = "redis-cluster://" + clusterNodes.strip();
        }
        int schemeEnd = trimmed.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("BOXOFFICE_REDIS_URL must start with redis://, rediss://, redis-cluster:// "
                    + "or redis-sentinel://, not '" + trimmed + "'");
        }
        String scheme = trimmed.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Parts parts = Parts.of(trimmed.substring(schemeEnd + 3));
        String user = blankToNull(username) != null ? username : parts.user();
        String secret = blankToNull(password) != null ? password : parts.password();
        return switch (scheme) {
            case "redis", "rediss", "redis-socket" -> {
                RedisURI uri = RedisURI.create(trimmed);
                credentials(uri, user, secret);
                yield new Server(uri);
            }
            case "redis-cluster", "rediss-cluster" -> {
                List<RedisURI> seeds = new ArrayList<>();
                for (HostAndPort node : parts.hosts(PORT)) {
                    RedisURI seed = RedisURI.Builder.redis(node.host(), node.port()).withSsl(scheme.startsWith("rediss")).build();
                    credentials(seed, user, secret);
                    seeds.add(seed);
                }
                yield new Cluster(List.copyOf(seeds));
            }
            case "redis-sentinel", "rediss-sentinel" -> {
                if (parts.path().isEmpty()) {
                    throw new IllegalArgumentException("A Sentinel URL names the primary after the hosts: "
                            + "redis-sentinel://host:26379,host:26380/mymaster");
                }
                List<HostAndPort> sentinels = parts.hosts(SENTINEL_PORT);
                RedisURI.Builder builder = RedisURI.Builder.sentinel(sentinels.getFirst().host(), sentinels.getFirst().port(), parts.path());
                sentinels.subList(1, sentinels.size()).forEach(s -> builder.withSentinel(s.host(), s.port()));
                RedisURI uri = builder.withSsl(scheme.startsWith("rediss")).withDatabase(parts.database()).build();
                credentials(uri, user, secret);
                yield new Sentinel(uri);
            }
            default -> throw new IllegalArgumentException("Unknown Redis URL scheme '" + scheme
                    + "': use redis://, rediss://, redis-cluster:// or redis-sentinel://");
        };
    }

    private static void credentials(RedisURI uri, @Nullable String user, @Nullable String password) {
        if (blankToNull(password) != null) {
            if (blankToNull(user) != null) {
                uri.setUsername(user);
            }
            uri.setPassword(password.toCharArray());
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    record HostAndPort(String host, int port) {
    }

    /** The part after the scheme: {@code [user[:password]@]host[:port][,host[:port]...][/path][?database=N]}. */
    record Parts(@Nullable String user, @Nullable String password, String hostList, String path, int database) {
        static Parts of(String rest) {
            String user = null;
            String password = null;
            int at = rest.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                rest = rest.substring(at + 1);
                int colon = userInfo.indexOf(':');
                if (colon < 0) {
                    password = decode(userInfo);
                } else {
                    user = decode(userInfo.substring(0, colon));
                    password = decode(userInfo.substring(colon + 1));
                }
            }
            int database = 0;
            int query = rest.indexOf('?');
            if (query >= 0) {
                for (String pair : rest.substring(query + 1).split("&")) {
                    if (pair.startsWith("database=")) {
                        database = number(pair.substring("database=".length()), "database");
                    }
                }
                rest = rest.substring(0, query);
            }
            int slash = rest.indexOf('/');
            String path = slash < 0 ? "" : rest.substring(slash + 1);
            String hosts = slash < 0 ? rest : rest.substring(0, slash);
            return new Parts(blankToNull(user), blankToNull(password), hosts, path, database);
        }

        List<HostAndPort> hosts(int defaultPort) {
            List<HostAndPort> hosts = new ArrayList<>();
            for (String entry : hostList.split(",")) {
                String host = entry.strip();
                if (host.isEmpty()) {
                    continue;
                }
                int colon = host.lastIndexOf(':');
                hosts.add(colon < 0 ? new HostAndPort(host, defaultPort)
                        : new HostAndPort(host.substring(0, colon), number(host.substring(colon + 1), "port")));
            }
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("The Redis URL names no host");
            }
            return hosts;
        }

        private static int number(String text, String what) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The Redis URL's " + what + " '" + text + "' is not a number");
            }
        }

        private static String decode(String text) {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
    }
}
