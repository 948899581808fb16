package org.boxoffice.account;

/** What a caller may do; carried in the token's {@code roles} claim. */
public enum Role {
    FAN, ORGANIZER, SCANNER, ADMIN
}
