package org.boxoffice.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's PostgreSQL server as a fault: restarted for real (pg_ctlcluster), which drops every connection of
 * every client and refuses new ones for a moment. The restart is checked to have happened: the server's start time
 * changes.
 */
public final class PostgresServer {
    private PostgresServer() {
    }

    /** Restarts the server and waits until it answers again; fails when it did not really restart. */
    public static void restart() {
        OffsetDateTime before = startTime();
        String[] cluster = cluster();
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1], "restart"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        OffsetDateTime after = null;
        while (after == null && System.nanoTime() < deadline) {
            try {
                after = startTime();
            } catch (IllegalStateException notYet) {
                Thread.onSpinWait();
            }
        }
        if (after == null || !after.isAfter(before)) {
            throw new IllegalStateException("PostgreSQL did not restart: started at " + before + ", now " + after);
        }
    }

    private static OffsetDateTime startTime() {
        try (Connection connection = DriverManager.getConnection(PostgresIntegrationTest.URL, PostgresIntegrationTest.USER, "");
             ResultSet rs = connection.createStatement().executeQuery("SELECT pg_postmaster_start_time()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version and name of the cluster on the test's port, from pg_lsclusters. */
    private static String[] cluster() {
        String port = PostgresIntegrationTest.URL.replaceAll(".*:(\\d+)/.*", "$1");
        for (String line : run(List.of("pg_lsclusters", "-h")).split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 2 && fields[2].equals(port)) {
                return new String[] {fields[0], fields[1]};
            }
        }
        throw new IllegalStateException("no PostgreSQL cluster on port " + port + " in pg_lsclusters");
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
