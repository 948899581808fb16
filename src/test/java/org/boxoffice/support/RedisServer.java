package org.boxoffice.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The real Redis server of the machine. Without it tests are skipped on a laptop, and fail in CI (CI=true). */
public final class RedisServer {
    public static final String HOST = System.getenv().getOrDefault("BOXOFFICE_TEST_REDIS_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("BOXOFFICE_TEST_REDIS_PORT", "6379"));

    private RedisServer() {
    }

    /** The URL of one logical database, after making sure the server answers. */
    public static String url(int database) {
        require();
        return "redis://" + HOST + ":" + PORT + "/" + database;
    }

    public static void require() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, PORT), 1000);
        } catch (IOException e) {
            Servers.missing("Redis is not reachable at " + HOST + ":" + PORT);
        }
    }
}
