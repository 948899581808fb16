package org.boxoffice.shared;

/** Carries a {@link Refusal} out of the domain. Without a stack trace: refusals are the hot path's normal answers. */
public final class Refused extends RuntimeException {
    private final Refusal refusal;

    public Refused(Refusal refusal) {
        super(refusal.reason(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
