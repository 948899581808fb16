package org.boxoffice.infrastructure;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import org.boxoffice.shared.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The node's connections to Redis: one shared command connection (Lettuce multiplexes all threads over it)
 * and one pub/sub connection. Commands fail fast while Redis is unreachable, so callers can answer 503 at
 * once; the connections come back by themselves when Redis does, and the service does not need Redis to start.
 */
@Component
@Conditional(RedisConfigured.class)
public class RedisConnections implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);
    public static final int RETRY_AFTER_SECONDS = 2;

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    @Autowired
    RedisConnections(InfrastructureSettings settings) {
        this(settings.redis().url(), settings.redis().timeout());
    }

    public RedisConnections(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** Synchronous commands; throws a 503 problem while Redis cannot be reached. */
    public RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                if (connection == null) {
                    try {
                        connection = client.connect();
                    } catch (RedisException e) {
                        throw unavailable(e);
                    }
                }
                current = connection;
            }
        }
        return current.sync();
    }

    /** The client itself, for libraries that manage their own connections (Bucket4j). */
    public RedisClient client() {
        return client;
    }

    /** Subscribes to a channel; keeps trying in the background until Redis answers, then Lettuce resubscribes on reconnects. */
    public void subscribe(String channel, RedisPubSubListener<String, String> listener) {
        Thread.ofVirtual().name("redis-subscribe-" + channel).start(() -> {
            while (true) {
                try {
                    StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
                    pubSub.addListener(listener);
                    pubSub.sync().subscribe(channel);
                    log.info("Subscribed to Redis channel {}", channel);
                    return;
                } catch (RedisException e) {
                    log.warn("Redis not reachable for subscribing to {} yet: {}", channel, e.getMessage());
                    try {
                        Thread.sleep(Duration.ofSeconds(1));
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        });
    }

    public static Unavailable unavailable(RuntimeException cause) {
        log.warn("Redis unavailable: {}", cause.getMessage());
        return new Unavailable("Booking is briefly unavailable; browsing still works. Please retry shortly.",
                RETRY_AFTER_SECONDS);
    }

    @Override
    public void destroy() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
