package org.boxoffice.infrastructure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the infrastructure every module runs on (keys under {@code boxoffice.}). Their defaults and environment
 * variables are in {@code application.yml}; README "Configuration" lists them.
 *
 * @param dataDir folder for embedded-mode files: the H2 database and the generated token signing key
 * @param redis the Redis server of distributed mode
 * @param db how writes reach the database
 */
@ConfigurationProperties("boxoffice")
public record InfrastructureSettings(String dataDir, Redis redis, Db db) {

    /**
     * @param url one server (redis://host:port[/db], rediss:// with TLS), a cluster (redis-cluster://host:port,host:port)
     *            or a Sentinel-watched primary (redis-sentinel://host:port,host:port/name); blank (and no cluster nodes)
     *            means embedded mode (seat inventory, queues and fan-out in process)
     * @param clusterNodes instead of the URL: the nodes of a Redis Cluster, host:port,host:port
     * @param username the ACL user of the Redis servers (wins over one in the URL)
     * @param password the password of the Redis servers (wins over one in the URL); sentinels are asked without
     * @param timeout how long a Redis command may take before booking answers 503
     */
    public record Redis(String url, String clusterNodes, String username, String password, Duration timeout) {
    }

    /** @param groupCommit how successful holds and confirmations share commits */
    public record Db(GroupCommit groupCommit) {
    }

    /**
     * @param maxBatch jobs written in one transaction at most
     * @param writers threads writing batches at once (each holds one database connection while it writes)
     * @param timeout how long a request waits for its batch's commit before answering 503
     */
    public record GroupCommit(int maxBatch, int writers, Duration timeout) {
    }
}
