package dev.plugboard.connector.auth;

import java.net.URI;
import java.util.Objects;

/**
 * What the runtime gives a connector to build the provider's authorization (dialog) URL.
 *
 * @param state the opaque, single-use value the provider must send back unchanged; the runtime
 *     creates, stores and checks it, so the connector only copies it into the URL
 * @param redirectUri where the provider sends the browser back: {@code
 *     <service-domain>/connector/callback}; the code exchange must use the same bytes
 * @since 1
 */
public record AuthorizationRequest(String state, URI redirectUri) {

  /**
   * Checks the arguments.
   *
   * @param state the opaque, single-use value the provider must send back unchanged; the runtime
   *     creates, stores and checks it, so the connector only copies it into the URL
   * @param redirectUri where the provider sends the browser back: {@code
   *     <service-domain>/connector/callback}; the code exchange must use the same bytes
   */
  public AuthorizationRequest {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(redirectUri, "redirectUri");
    if (state.isBlank()) {
      throw new IllegalArgumentException("state is blank");
    }
  }

  /** Hides the state, which grants the right to complete an authorization. */
  @Override
  public String toString() {
    return "AuthorizationRequest[redirectUri=" + redirectUri + "]";
  }
}
