package org.boxoffice.loadtest;

import java.nio.file.Path;

/** Every number of a run, from system properties ({@code -Dusers=...}); the defaults are the on-sale of the README. */
record Settings(String baseUrl, int users, int rampSeconds, int sections, int rows, int seatsPerRow, int prequeueSeconds,
                int admitPerMinute, int maxActiveUsers, int proofOfWorkMaxNumber, double bestShare, double declineShare,
                double abandonShare, double cancelShare, int pollSeconds, int waitMinutes, int holdSeconds, Path keys, Path results,
                String dbUrl, String dbUser, String dbPassword) {

    static Settings fromSystemProperties() {
        return new Settings(
                System.getProperty("baseUrl", "http://127.0.0.1:8080"),
                Integer.getInteger("users", 500_000),
                Integer.getInteger("rampSeconds", 60),
                Integer.getInteger("sections", 4),
                Integer.getInteger("rows", 50),
                Integer.getInteger("seatsPerRow", 50),
                Integer.getInteger("prequeueSeconds", 20),
                Integer.getInteger("admitPerMinute", 60_000),
                Integer.getInteger("maxActiveUsers", 5_000),
                Integer.getInteger("proofOfWorkMaxNumber", 1_000),
                Double.parseDouble(System.getProperty("bestShare", "0.5")),
                Double.parseDouble(System.getProperty("declineShare", "0.1")),
                Double.parseDouble(System.getProperty("abandonShare", "0.1")),
                Double.parseDouble(System.getProperty("cancelShare", "0.05")),
                Integer.getInteger("pollSeconds", 2),
                Integer.getInteger("waitMinutes", 30),
                Integer.getInteger("holdSeconds", 600),
                Path.of(System.getProperty("keys", "target/loadgen-keys")),
                Path.of(System.getProperty("results", "target/gatling")),
                System.getProperty("db.url", ""),
                System.getProperty("db.user", "postgres"),
                System.getProperty("db.password", ""));
    }

    /** The node to set the sale up on and to watch: the first of {@code baseUrl}'s comma-separated nodes. */
    public String baseUrl() {
        return nodes().getFirst();
    }

    /** Every node named in {@code baseUrl}; virtual users are spread over them in turn. */
    public java.util.List<String> nodes() {
        return java.util.Arrays.stream(baseUrl.split(",")).map(String::strip).filter(url -> !url.isEmpty()).toList();
    }

    int seats() {
        return sections * rows * seatsPerRow;
    }
}
