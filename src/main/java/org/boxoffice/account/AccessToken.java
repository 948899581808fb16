package org.boxoffice.account;

/** A signed bearer token as handed to a client. */
public record AccessToken(String accessToken, String tokenType, long expiresIn) {
}
