package com.example.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the contract kit cannot know: this connector's own rules. */
class SignedWebhooksTest {

  private static final String SECRET = SignedWebhookConnectorContractTest.SECRET;

  private final SignedWebhookConnector connector = new SignedWebhookConnector();
  private final SignedWebhooks webhooks = new SignedWebhooks();
  private final Setup setup =
      Setup.of("apiKey", "key-live-42", "signingSecret", SECRET, "verifyToken", "vt-1");

  @Test
  void verifiesWithTheConfiguredHeaderAndPrefix() {
    byte[] body = utf8("{\"id\":1}");
    Setup custom =
        setup.with("signatureHeader", "X-Hook-Signature").with("signaturePrefix", "none");
    WebhookRequest bare =
        WebhookRequest.post(Map.of("x-hook-signature", List.of(Hmac.hex(SECRET, body))), body);
    assertThat(webhooks.verify(custom, bare).valid()).isTrue();
    assertThat(webhooks.verify(setup, bare))
        .as("the default header is another")
        .isEqualTo(Verification.refused("X-Signature-256 header is missing"));

    WebhookRequest prefixed =
        WebhookRequest.post(
            Map.of("X-Hook-Signature", List.of("v1:" + Hmac.hex(SECRET, body))), body);
    assertThat(webhooks.verify(custom.with("signaturePrefix", "v1:"), prefixed).valid()).isTrue();
    assertThat(webhooks.verify(custom, prefixed).valid()).isFalse();
  }

  @Test
  void refusesASignatureHeaderSentTwice() {
    byte[] body = utf8("{}");
    String signature = "sha256=" + Hmac.hex(SECRET, body);
    WebhookRequest twice =
        WebhookRequest.post(Map.of("X-Signature-256", List.of(signature, signature)), body);
    assertThat(webhooks.verify(setup, twice).reason()).contains("more than once");
  }

  @Test
  void anObjectIsOneEventWithItsIdAndTypeAndItsExactBytes() {
    String body = "{ \"type\" : \"invoice.paid\", \"id\" : \"evt_42\", \"n\": 1.50 }";
    List<WebhookEvent> events = webhooks.split(WebhookRequest.post(Map.of(), utf8(body)));
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo("invoice.paid");
              assertThat(e.externalId()).isEqualTo("evt_42");
              assertThat(e.payload()).isEqualTo(body);
              assertThat(e.routingKey()).isEmpty();
            });
  }

  @Test
  void anArrayIsOneEventPerItemAndItemsWithoutIdAreHashed() throws Exception {
    String body = "[{\"id\": 7, \"type\": \"a\"}, {\"type\": \"b\", \"x\": true}, {\"x\": 2}]";
    List<WebhookEvent> events = webhooks.split(WebhookRequest.post(Map.of(), utf8(body)));
    assertThat(events).extracting(WebhookEvent::kind).containsExactly("a", "b", "event");
    assertThat(events.get(0).externalId()).isEqualTo("7");
    String second = events.get(1).payload();
    assertThat(events.get(1).externalId())
        .isEqualTo(
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8(second))));
    assertThat(webhooks.split(WebhookRequest.post(Map.of(), utf8(body)))).isEqualTo(events);
  }

  @Test
  void refusesBodiesThatAreNotJsonObjects() {
    for (String body : List.of("not json", "42", "[1, 2]", "")) {
      assertThatThrownBy(() -> webhooks.split(WebhookRequest.post(Map.of(), utf8(body))))
          .as(body)
          .isInstanceOf(CallerException.class);
    }
  }

  @Test
  void handshakeNeedsAWellFormedChallenge() {
    WebhookRequest script =
        WebhookRequest.get(Map.of("challenge", List.of("<script>"), "token", List.of("vt-1")));
    assertThat(webhooks.handshake(setup, script)).isInstanceOf(Handshake.Invalid.class);
    WebhookRequest missing = WebhookRequest.get(Map.of("challenge", List.of("abc")));
    assertThat(webhooks.handshake(setup, missing)).isInstanceOf(Handshake.Invalid.class);
  }

  @Test
  void sampleIsSignedWithTheConfiguredHeader() {
    Setup custom = setup.with("signatureHeader", "X-Hook-Signature");
    WebhookRequest sample =
        webhooks.sample(custom, List.of(), Instant.parse("2026-01-01T00:00:00Z")).orElseThrow();
    assertThat(sample.header("X-Hook-Signature")).get().asString().startsWith("sha256=");
    assertThat(webhooks.verify(custom, sample).valid()).isTrue();
    assertThat(webhooks.split(sample).get(0).kind()).isEqualTo(SignedWebhooks.SAMPLE_KIND);
    assertThat(webhooks.sample(Setup.empty(), List.of(), Instant.now())).isEmpty();
  }

  @Test
  void refusesAShortSigningSecret() {
    assertThat(connector.validate(setup.with("signingSecret", "short")).errors())
        .singleElement()
        .satisfies(e -> assertThat(e.field()).isEqualTo("signingSecret"));
  }

  @Test
  void connectionTestChecksTheSetupOnly() {
    TestResult ok =
        connector
            .open(ConnectorContext.builder(connector.descriptor()).setup(setup).build())
            .test();
    assertThat(ok.ok()).isTrue();
    assertThat(ok.message()).contains("X-Signature-256").doesNotContain(SECRET);
    TestResult incomplete =
        connector
            .open(
                ConnectorContext.builder(connector.descriptor())
                    .setup(setup.with("signingSecret", ""))
                    .build())
            .test();
    assertThat(incomplete.ok()).isFalse();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
