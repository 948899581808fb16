package org.boxoffice.waitingroom.internal;

import org.boxoffice.waitingroom.WaitingRoomService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs admission rounds every second on every node. The rate budget and the pops are atomic in the queue store,
 * so several admitters together admit exactly at the configured rate and never the same buyer twice.
 */
@Component
class Admitter {
    private static final Logger log = LoggerFactory.getLogger(Admitter.class);
    private final WaitingRoomService waitingRoom;

    Admitter(WaitingRoomService waitingRoom) {
        this.waitingRoom = waitingRoom;
    }

    @Scheduled(fixedDelayString = "${boxoffice.waitingroom.admit-interval:1s}")
    void admit() {
        try {
            waitingRoom.admitDueQueues();
        } catch (RuntimeException e) {
            log.warn("Admission round failed, retrying next second: {}", e.getMessage());
        }
    }
}
