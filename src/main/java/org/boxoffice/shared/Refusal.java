package org.boxoffice.shared;

/**
 * A domain outcome that ends a request without success (a seat taken, a limit reached, a hold gone). Modules define
 * theirs as sealed records and throw them inside a {@link Refused}; each module's web layer maps its own to an HTTP
 * problem in one table, so the domain never speaks HTTP.
 */
public interface Refusal {
    /** A short, stable name of the outcome for metrics and logs: the record's name in kebab case ("seats-unavailable"). */
    default String reason() {
        return RefusalReasons.of(getClass());
    }

    /** The exception that carries this refusal out of the domain: {@code throw refusal.refused()}. */
    default Refused refused() {
        return new Refused(this);
    }
}
