package dev.plugboard.connector.auth;

import java.net.URI;
import java.util.Objects;

/**
 * A successful return from the provider's dialog, after the runtime has checked the {@code state}:
 * the authorization code to exchange and the redirect URI the dialog was opened with.
 *
 * @param code the authorization code; single-use at the provider
 * @param redirectUri the exact redirect URI of the {@link AuthorizationRequest}
 * @since 1
 */
public record AuthorizationCallback(String code, URI redirectUri) {

  /**
   * Checks the arguments.
   *
   * @param code the authorization code; single-use at the provider
   * @param redirectUri the exact redirect URI of the {@link AuthorizationRequest}
   */
  public AuthorizationCallback {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(redirectUri, "redirectUri");
    if (code.isBlank()) {
      throw new IllegalArgumentException("code is blank");
    }
  }

  /** Hides the code. */
  @Override
  public String toString() {
    return "AuthorizationCallback[redirectUri=" + redirectUri + "]";
  }
}
