package com.example.signedwebhook;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.contract.ConnectorContract;
import dev.plugboard.connector.contract.WebhookSamples;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Plugboard contract kit, run against this connector: the SPI's rules, checked offline. */
class SignedWebhookConnectorContractTest extends ConnectorContract {

  static final String SECRET = "whsec-0123456789abcdef";
  static final String VERIFY_TOKEN = "verify-me-please";

  @Override
  protected Connector connector() {
    return new SignedWebhookConnector();
  }

  @Override
  protected Setup validSetup() {
    return Setup.of(
        "apiKey", "key-live-42",
        "signingSecret", SECRET,
        "verifyToken", VERIFY_TOKEN);
  }

  @Override
  protected Optional<WebhookSamples> webhookSamples() {
    byte[] body = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}".getBytes();
    return Optional.of(
        new WebhookSamples(
            WebhookRequest.get(
                Map.of("challenge", List.of("c-123"), "token", List.of(VERIFY_TOKEN))),
            "c-123",
            WebhookRequest.get(Map.of("challenge", List.of("c-123"), "token", List.of("wrong"))),
            WebhookRequest.post(
                Map.of("X-Signature-256", List.of("sha256=" + Hmac.hex(SECRET, body))), body),
            "X-Signature-256"));
  }
}
