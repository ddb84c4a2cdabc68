package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hub.* verification request Facebook sends when a webhook URL is registered. */
class WebhookHandshakeTest {

  private final WebhookHandler webhooks = new MessengerConnector().webhooks().orElseThrow();

  @Test
  void echoesTheChallengeAsPlainTextWhenTheTokenMatches() {
    Handshake answer =
        webhooks.handshake(
            Fixtures.setup(), request("subscribe", Fixtures.VERIFY_TOKEN, "1158201444"));

    assertThat(answer).isEqualTo(new Handshake.Accepted("text/plain", "1158201444"));
  }

  @Test
  void echoesTheChallengeExactlyAsReceived() {
    String challenge = " 00042\t";

    Handshake answer =
        webhooks.handshake(
            Fixtures.setup(), request("subscribe", Fixtures.VERIFY_TOKEN, challenge));

    assertThat(answer)
        .isInstanceOfSatisfying(
            Handshake.Accepted.class, a -> assertThat(a.body()).isEqualTo(challenge));
  }

  @Test
  void refusesAWrongToken() {
    for (String token :
        List.of(
            "wrong",
            Fixtures.VERIFY_TOKEN.toUpperCase(java.util.Locale.ROOT),
            Fixtures.VERIFY_TOKEN.substring(1),
            Fixtures.VERIFY_TOKEN + "x",
            " " + Fixtures.VERIFY_TOKEN)) {
      Handshake answer = webhooks.handshake(Fixtures.setup(), request("subscribe", token, "42"));

      assertThat(answer).as(token).isInstanceOf(Handshake.Refused.class);
    }
  }

  @Test
  void refusesWhenNoVerifyTokenIsSetUp() {
    Setup withoutToken = Fixtures.setup().with("verifyToken", "");

    Handshake answer = webhooks.handshake(withoutToken, request("subscribe", "anything", "42"));

    assertThat(answer).isInstanceOf(Handshake.Refused.class);
  }

  @Test
  void refusalsNeverQuoteTheTokens() {
    Handshake answer =
        webhooks.handshake(Fixtures.setup(), request("subscribe", "guess-123", "42"));

    assertThat(((Handshake.Refused) answer).reason())
        .doesNotContain("guess-123")
        .doesNotContain(Fixtures.VERIFY_TOKEN);
  }

  @Test
  void rejectsAModeOtherThanSubscribe() {
    for (String mode : List.of("unsubscribe", "Subscribe", "subscribe ")) {
      Handshake answer =
          webhooks.handshake(Fixtures.setup(), request(mode, Fixtures.VERIFY_TOKEN, "42"));

      assertThat(answer).as(mode).isInstanceOf(Handshake.Invalid.class);
    }
  }

  @Test
  void rejectsARequestMissingAParameter() {
    for (String missing : List.of("hub.mode", "hub.verify_token", "hub.challenge")) {
      Map<String, List<String>> query =
          new HashMap<>(query("subscribe", Fixtures.VERIFY_TOKEN, "42"));
      query.remove(missing);

      Handshake answer = webhooks.handshake(Fixtures.setup(), WebhookRequest.get(query));

      assertThat(answer).as("without " + missing).isInstanceOf(Handshake.Invalid.class);
    }
  }

  @Test
  void rejectsAnEmptyChallenge() {
    Handshake answer =
        webhooks.handshake(Fixtures.setup(), request("subscribe", Fixtures.VERIFY_TOKEN, ""));

    assertThat(answer).isInstanceOf(Handshake.Invalid.class);
  }

  private static WebhookRequest request(String mode, String token, String challenge) {
    return WebhookRequest.get(query(mode, token, challenge));
  }

  private static Map<String, List<String>> query(String mode, String token, String challenge) {
    return Map.of(
        "hub.mode", List.of(mode),
        "hub.verify_token", List.of(token),
        "hub.challenge", List.of(challenge));
  }
}
