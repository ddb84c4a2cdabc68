package dev.plugboard.connector.webhook;

import java.util.Objects;

/**
 * The answer to a provider's request to verify a webhook URL (for Messenger, a {@code GET} with
 * {@code hub.mode}, {@code hub.verify_token} and {@code hub.challenge}).
 *
 * @since 1
 */
public sealed interface Handshake {

  /**
   * The token matched: answer {@code 200} with exactly this body.
   *
   * @param contentType the body's media type, e.g. {@code text/plain}
   * @param body the body, e.g. the challenge as received
   * @since 1
   */
  record Accepted(String contentType, String body) implements Handshake {
    /**
     * Checks the arguments.
     *
     * @param contentType the body's media type, e.g. {@code text/plain}
     * @param body the body, e.g. the challenge as received
     */
    public Accepted {
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * The request is a handshake but the token does not match: answer {@code 403}.
   *
   * @param reason why, for the log; never the token
   * @since 1
   */
  record Refused(String reason) implements Handshake {
    /**
     * Checks the argument.
     *
     * @param reason why, for the log; never the token
     */
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The request is not a well-formed handshake (e.g. parameters missing): answer {@code 400}.
   *
   * @param reason what is missing or wrong
   * @since 1
   */
  record Invalid(String reason) implements Handshake {
    /**
     * Checks the argument.
     *
     * @param reason what is missing or wrong
     */
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
