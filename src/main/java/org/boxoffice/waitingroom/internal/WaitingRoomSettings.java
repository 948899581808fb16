package org.boxoffice.waitingroom.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The waiting room's settings; defaults and environment variables in {@code application.yml}. */
@ConfigurationProperties("boxoffice")
public record WaitingRoomSettings(Waitingroom waitingroom, Ratelimit ratelimit) {

    /**
     * @param admission how long an admitted buyer may shop before the admission ends
     * @param admitInterval how often an admission round runs
     * @param reportRefresh how often each node works out an event's fairness report again: it reads every entry
     */
    public record Waitingroom(Duration admission, Duration admitInterval, Duration reportRefresh) {
    }

    /**
     * Requests per second at the on-sale's doors (joining, polling, holding), for the whole cluster.
     *
     * @param perIp per client address
     * @param perUser per signed-in user
     * @param perEvent per event
     */
    public record Ratelimit(long perIp, long perUser, long perEvent) {
    }
}
