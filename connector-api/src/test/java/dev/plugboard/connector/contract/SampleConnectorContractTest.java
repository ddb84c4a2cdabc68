package dev.plugboard.connector.contract;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.testing.SampleConnector;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A well-behaved connector passes the whole kit. */
class SampleConnectorContractTest extends ConnectorContract {

  static final String SECRET = "s3cr3t-signing-value";

  @Override
  protected Connector connector() {
    return new SampleConnector();
  }

  @Override
  protected Setup validSetup() {
    return Setup.of(
        "endpoint", "https://sample.example/api",
        "apiKey", "key-12345",
        "signingSecret", SECRET,
        "tags", "alpha, beta");
  }

  @Override
  protected Optional<WebhookSamples> webhookSamples() {
    return Optional.of(samples(SECRET));
  }

  static WebhookSamples samples(String secret) {
    byte[] body = "e1 hello\ne2 world\n".getBytes(StandardCharsets.UTF_8);
    return new WebhookSamples(
        WebhookRequest.get(Map.of("challenge", List.of("12345"), "token", List.of(secret))),
        "12345",
        WebhookRequest.get(Map.of("challenge", List.of("12345"), "token", List.of("wrong"))),
        WebhookRequest.post(
            Map.of(
                "X-Sample-Signature", List.of(SampleConnector.sign(secret, body)),
                "Content-Type", List.of("text/plain")),
            body),
        "X-Sample-Signature");
  }
}
