package org.boxoffice.account;

import org.jspecify.annotations.Nullable;

/** How to reach a user: their name, and their e-mail address where the account has one. */
public record Contact(String userId, @Nullable String email, String displayName) {
}
