package dev.plugboard.connector.contract;

import dev.plugboard.connector.webhook.WebhookRequest;
import java.util.Objects;

/**
 * Requests a connector's test hands the contract kit so that it can check the webhook handling
 * against the connector's {@link ConnectorContract#validSetup() valid setup}.
 *
 * @param handshake a verification request with the setup's token
 * @param expectedHandshakeBody the exact body the handshake must be answered with
 * @param handshakeWithWrongToken the same request with a token that does not match
 * @param signedDelivery a delivery signed with the setup's secret, holding at least one event
 * @param signatureHeader the name of the header carrying the signature
 * @since 1
 */
public record WebhookSamples(
    WebhookRequest handshake,
    String expectedHandshakeBody,
    WebhookRequest handshakeWithWrongToken,
    WebhookRequest signedDelivery,
    String signatureHeader) {

  /** Checks the arguments. */
  public WebhookSamples {
    Objects.requireNonNull(handshake, "handshake");
    Objects.requireNonNull(expectedHandshakeBody, "expectedHandshakeBody");
    Objects.requireNonNull(handshakeWithWrongToken, "handshakeWithWrongToken");
    Objects.requireNonNull(signedDelivery, "signedDelivery");
    Objects.requireNonNull(signatureHeader, "signatureHeader");
  }
}
