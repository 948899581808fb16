package org.boxoffice.waitingroom;

import java.time.Duration;

/** The replay store of proof-of-work solutions: each challenge is accepted once. */
public interface SolvedChallenges {
    /** True the first time a challenge is presented, false ever after (until it could no longer be valid anyway). */
    boolean firstUse(String challenge, Duration keepFor);
}
