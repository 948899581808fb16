package org.boxoffice.account.internal;

import java.util.Set;
import org.boxoffice.account.Role;
import org.jspecify.annotations.Nullable;

public record User(String id, @Nullable String email, @Nullable String passwordHash, String displayName, Set<Role> roles,
                   boolean emailVerified) {
}
