package org.boxoffice.shared;

class LocalRateLimitsTests extends RateLimitsContract {
    private final RateLimits limits = new RateLimits((RedisConnections) null, clock);

    @Override
    protected RateLimits limits() {
        return limits;
    }
}
