package dev.plugboard.connector.facebook;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.contract.ConnectorContract;
import dev.plugboard.connector.contract.WebhookSamples;
import dev.plugboard.connector.facebook.fake.MessengerDeliveries;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Messenger connector honours the SPI, as the contract kit checks it. */
class MessengerConnectorContractTest extends ConnectorContract {

  @Override
  protected Connector connector() {
    return new MessengerConnector();
  }

  @Override
  protected Setup validSetup() {
    return Fixtures.setup();
  }

  @Override
  protected Optional<WebhookSamples> webhookSamples() {
    byte[] body = MessengerDeliveries.sample("multi_entry_two_pages.json");
    String secret = Fixtures.setup().require("clientSecret");
    return Optional.of(
        new WebhookSamples(
            handshake(Fixtures.VERIFY_TOKEN),
            "1158201444",
            handshake("not-the-token"),
            WebhookRequest.post(
                Map.of(
                    "X-Hub-Signature-256", List.of(MessengerDeliveries.sign(secret, body)),
                    "Content-Type", List.of("application/json")),
                body),
            "X-Hub-Signature-256"));
  }

  private static WebhookRequest handshake(String token) {
    return WebhookRequest.get(
        Map.of(
            "hub.mode", List.of("subscribe"),
            "hub.verify_token", List.of(token),
            "hub.challenge", List.of("1158201444")));
  }
}
