package org.boxoffice.inventory;

/**
 * Who asks for seats: the user, the client address the request came from, and whether the user's e-mail address is
 * verified (as their access token says).
 */
public record Buyer(String userId, String address, boolean emailVerified) {
}
