package org.boxoffice.infrastructure;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.boxoffice.shared.Unavailable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The node's connections to Redis — one server, a Redis Cluster or a Sentinel-watched primary (see {@link RedisAddress})
 * — with one shared command connection (Lettuce multiplexes all threads over it; on a cluster it routes each command
 * to the primary of its key's slot, and never reads from replicas) and one pub/sub connection. Commands fail fast
 * while Redis is unreachable, so callers can answer 503 at once; the connections come back by themselves, to the new
 * primary after a failover, and the service does not need Redis to start.
 */
@Component
@Conditional(RedisConfigured.class)
public class RedisConnections implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);
    public static final int RETRY_AFTER_SECONDS = 2;
    /** Reconnects at most this far apart, so that a node finds a promoted primary within a second of its promotion. */
    private static final Duration LONGEST_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final RedisAddress address;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final AtomicLong connectionsOpened = new AtomicLong();
    private volatile @Nullable RedisClusterCommands<String, String> commands;
    private @Nullable RedisClient pubSubClient;
    private volatile boolean stopped;

    @Autowired
    RedisConnections(InfrastructureSettings settings) {
        this(RedisAddress.parse(settings.redis().url(), settings.redis().clusterNodes(), settings.redis().username(),
                settings.redis().password()), settings.redis().timeout());
    }

    public RedisConnections(String url, Duration timeout) {
        this(RedisAddress.parse(url, "", null, null), timeout);
    }

    public RedisConnections(RedisAddress address, Duration timeout) {
        this.address = address;
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), LONGEST_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .nettyCustomizer(new NettyCustomizer() {
                    @Override
                    public void afterChannelInitialized(Channel channel) {
                        connectionsOpened.incrementAndGet();
                    }
                })
                .build();
        this.client = switch (address) {
            case RedisAddress.Server server -> single(server.uri(), timeout);
            case RedisAddress.Sentinel sentinel -> single(sentinel.uri(), timeout);
            case RedisAddress.Cluster cluster -> {
                cluster.seeds().forEach(seed -> seed.setTimeout(timeout));
                RedisClusterClient clusterClient = RedisClusterClient.create(resources, cluster.seeds());
                clusterClient.setOptions(ClusterClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(timeout))
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enablePeriodicRefresh(Duration.ofSeconds(5))
                                .enableAllAdaptiveRefreshTriggers()
                                .refreshTriggersReconnectAttempts(2)
                                .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                                .build())
                        .build());
                yield clusterClient;
            }
        };
        log.info("Redis: {}", describe());
    }

    private RedisClient single(RedisURI uri, Duration timeout) {
        uri.setTimeout(timeout);
        RedisClient single = RedisClient.create(resources, uri);
        single.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        return single;
    }

    /** Synchronous commands (on a cluster, each routed to its key's primary); throws a 503 problem while Redis cannot be reached. */
    public RedisClusterCommands<String, String> commands() {
        RedisClusterCommands<String, String> current = commands;
        if (current == null) {
            synchronized (this) {
                if (commands == null) {
                    try {
                        connect();
                    } catch (RedisException e) {
                        throw unavailable(e);
                    }
                }
                current = commands;
            }
        }
        return current;
    }

    private void connect() {
        if (client instanceof RedisClusterClient cluster) {
            StatefulRedisClusterConnection<String, String> opened = cluster.connect();
            opened.setReadFrom(ReadFrom.UPSTREAM);
            commands = opened.sync();
        } else {
            StatefulRedisConnection<String, String> opened = ((RedisClient) client).connect();
            commands = opened.sync();
        }
    }

    /** Whether Redis is a cluster, whose commands may touch keys of one hash slot only. */
    public boolean isCluster() {
        return address instanceof RedisAddress.Cluster;
    }

    /**
     * How many connections to Redis servers this node has opened so far: it grows with every reconnect, also to another
     * server (a promoted replica, a new cluster primary), before any command goes over the new connection. Whoever must
     * check which server answers now compares it with the count at its last check.
     */
    public long connectionsOpened() {
        return connectionsOpened.get();
    }

    /**
     * Subscribes to a channel and keeps the subscription: until Redis answers it tries again every second; then Lettuce
     * resubscribes on reconnects (to the new primary after a Sentinel failover). On a cluster, where every node hears
     * every message, a subscription whose node has not answered a PING for two checks in a row moves to another node the
     * topology still lists: Lettuce would try the dead one for ever.
     */
    public void subscribe(String channel, RedisPubSubListener<String, String> listener) {
        Thread.ofVirtual().name("redis-subscribe-" + channel).start(() -> {
            StatefulRedisPubSubConnection<String, String> pubSub = null;
            int silentChecks = 0;
            int attempt = 0;
            while (!stopped) {
                try {
                    if (pubSub == null) {
                        pubSub = openPubSub(attempt++);
                        pubSub.addListener(listener);
                        pubSub.sync().subscribe(channel);
                        silentChecks = 0;
                        log.info("Subscribed to Redis channel {}", channel);
                    } else if (answers(pubSub)) {
                        silentChecks = 0;
                    } else if (++silentChecks >= 2 && isCluster()) {
                        log.warn("The Redis node of the subscription to {} does not answer; subscribing on another", channel);
                        pubSub.closeAsync();
                        pubSub = null;
                        continue;
                    }
                } catch (RedisException e) {
                    log.warn("Redis not reachable for subscribing to {} yet: {}", channel, e.getMessage());
                    if (pubSub != null) {
                        pubSub.closeAsync();
                        pubSub = null;
                    }
                }
                try {
                    Thread.sleep(Duration.ofSeconds(1));
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        });
    }

    /** PING is allowed on a subscribed connection; it fails at once while the connection is down (commands are rejected). */
    private static boolean answers(StatefulRedisPubSubConnection<String, String> pubSub) {
        try {
            pubSub.sync().ping();
            return true;
        } catch (RedisException down) {
            return false;
        }
    }

    private StatefulRedisPubSubConnection<String, String> openPubSub(int attempt) {
        if (client instanceof RedisClient single) {
            return single.connectPubSub();
        }
        RedisClusterClient cluster = (RedisClusterClient) client;
        commands(); // the command connection loads the topology that names the nodes
        List<RedisClusterNode> live = cluster.getPartitions().stream()
                .filter(node -> !node.is(RedisClusterNode.NodeFlag.FAIL) && !node.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL)
                        && !node.is(RedisClusterNode.NodeFlag.NOADDR))
                .toList();
        if (live.isEmpty()) {
            return cluster.connectPubSub();
        }
        RedisURI seed = ((RedisAddress.Cluster) address).seeds().getFirst();
        RedisURI node = live.get(Math.floorMod(attempt, live.size())).getUri();
        RedisURI target = RedisURI.builder(seed).withHost(node.getHost()).withPort(node.getPort()).build();
        return pubSubClient().connectPubSub(target);
    }

    /** A plain client for the subscription to one chosen node of a cluster. */
    private synchronized RedisClient pubSubClient() {
        if (pubSubClient == null) {
            pubSubClient = RedisClient.create(resources);
            pubSubClient.setOptions(ClientOptions.copyOf(((RedisClusterClient) client).getOptions()));
        }
        return pubSubClient;
    }

    public static Unavailable unavailable(RuntimeException cause) {
        log.warn("Redis unavailable: {}", cause.getMessage());
        return new Unavailable("Booking is briefly unavailable; browsing still works. Please retry shortly.",
                RETRY_AFTER_SECONDS);
    }

    /** The address without credentials, for the log. */
    private String describe() {
        return switch (address) {
            case RedisAddress.Server server -> "one server at " + server.uri().getHost() + ":" + server.uri().getPort();
            case RedisAddress.Sentinel sentinel -> "primary '" + sentinel.uri().getSentinelMasterId() + "' watched by "
                    + sentinel.uri().getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort()).toList();
            case RedisAddress.Cluster cluster -> "a cluster found through "
                    + cluster.seeds().stream().map(s -> s.getHost() + ":" + s.getPort()).toList();
        };
    }

    @Override
    public void destroy() {
        stopped = true;
        synchronized (this) {
            if (pubSubClient != null) {
                pubSubClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
