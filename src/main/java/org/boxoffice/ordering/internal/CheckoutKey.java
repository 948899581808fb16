package org.boxoffice.ordering.internal;

import java.time.Instant;
import java.util.function.Function;
import org.boxoffice.ordering.Order;
import org.boxoffice.ordering.StoredResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The idempotency key of one checkout, written inside the checkout's own transactions rather than in commits of its
 * own: claimed in the transaction that writes the pending order, and completed with the answer in the confirmation's
 * group commit. A purchase used to pay two commits and a read-back for its key.
 */
public final class CheckoutKey {

    /** Another request claimed the key first; nothing of this checkout was written but the card's lock row. */
    public static final class AlreadyClaimed extends RuntimeException {
        AlreadyClaimed() {
            super("idempotency key already claimed", null, false, false);
        }
    }

    private final IdempotencyKeys keys;
    private final JsonMapper json;
    private final Function<Order, Object> render;
    private final String userId;
    private final String key;
    private final String requestHash;
    private final Instant now;
    private final Runnable onClaim;
    private boolean claimed;
    /** The new claim's cost was paid, in a transaction that may have been rolled back since: it is not paid twice. */
    private boolean paid;
    private @Nullable StoredResponse stored;

    public CheckoutKey(IdempotencyKeys keys, JsonMapper json, Function<Order, Object> render, String userId, String key,
                       String requestHash, Instant now, Runnable onClaim) {
        this.keys = keys;
        this.json = json;
        this.render = render;
        this.userId = userId;
        this.key = key;
        this.requestHash = requestHash;
        this.now = now;
        this.onClaim = onClaim;
    }

    /**
     * Claims the key inside the caller's transaction, unless this request holds it already, and then runs what a new
     * claim costs (the buyer's checkout limit: a replay costs nothing); see {@link #claimCommitted}. What that throws
     * rolls the claim back with the caller's transaction.
     */
    void claimWithin() {
        if (claimed) {
            return;
        }
        if (!keys.insert(userId, key, requestHash, now)) {
            throw new AlreadyClaimed();
        }
        if (!paid) {
            onClaim.run();
            paid = true;
        }
    }

    /** The key is this request's: the transaction that claimed it has committed, or it was claimed on its own. */
    public void claimCommitted() {
        claimed = true;
    }

    public boolean claimed() {
        return claimed;
    }

    /** Whether this request already paid what a new claim costs. */
    public boolean paid() {
        return paid;
    }

    /** The answer a confirmed order gets, to be stored with {@link #completeWithin} in the confirmation's transaction. */
    public StoredResponse answer(Order confirmed) {
        return new StoredResponse(201, json.writeValueAsString(render.apply(confirmed)));
    }

    /** Stores the answer inside the caller's transaction; {@link #completeCommitted} once that has committed. */
    void completeWithin(StoredResponse answer) {
        keys.complete(userId, key, answer.status(), answer.body());
    }

    void completeCommitted(StoredResponse answer) {
        stored = answer;
    }

    /** The answer stored with the key by this request, if any. */
    public @Nullable StoredResponse stored() {
        return stored;
    }

    /** Stores an answer on its own (a refusal after the claim). */
    public StoredResponse complete(StoredResponse answer) {
        completeWithin(answer);
        completeCommitted(answer);
        return answer;
    }

    /** Frees the key after an unexpected failure, so that the client may retry. */
    public void release() {
        if (claimed && stored == null) {
            keys.release(userId, key);
        }
    }
}
