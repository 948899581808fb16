package org.boxoffice.support;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (PostgreSQL, Redis, the redis-server binary, Chromium). On a laptop without
 * it the test is skipped; in CI (CI=true) a missing part fails the build, so that nothing is ever skipped there.
 */
public final class Servers {
    private Servers() {
    }

    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test outside CI, fails it in CI. */
    public static void missing(String what) {
        if (ci()) {
            throw new IllegalStateException("CI=true but " + what);
        }
        Assumptions.abort(what + "; skipped outside CI");
    }

    /** Whether an executable of this name is on the PATH. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on right now, for a server a test starts (and stops and starts again) itself, and never one
     * handed out before in this JVM: the system gives a port just closed out again, so two calls in a row could name
     * the same one (a node process was once given one port for its server and its management server alike, and died).
     */
    public static int freePort() {
        while (true) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
