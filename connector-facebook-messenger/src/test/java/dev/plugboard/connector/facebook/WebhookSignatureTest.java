package dev.plugboard.connector.facebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The X-Hub-Signature-256 check. Expected signatures are computed here with {@link Mac} (or pasted
 * from {@code openssl dgst -sha256 -hmac}), never with the connector's code.
 */
class WebhookSignatureTest {

  private static final String SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  private static final byte[] BODY =
      ("{\"object\":\"page\",\"entry\":[{\"id\":\"102030405060708\",\"time\":1458692752478,"
              + "\"messaging\":[]}]}")
          .getBytes(StandardCharsets.UTF_8);

  private final WebhookHandler webhooks = new MessengerConnector().webhooks().orElseThrow();

  @Test
  void acceptsTheSignatureOpensslComputesForTheBody() {
    // printf '%s' "$BODY" | openssl dgst -sha256 -hmac 0f1e2d3c4b5a69788796a5b4c3d2e1f0
    String openssl = "sha256=d22f7f5cc2a45d27ca01f3b3becdfcb76945b3d6507a5171e4018e463b413477";

    assertThat(verify(SECRET, openssl, BODY).valid()).isTrue();
  }

  @Test
  void acceptsAFixedVectorOverAnEscapedBodyWithNonAsciiAndSlashes() {
    // printf '%s' '{"text":"caf\u00e9 \/ ok"}' | openssl dgst -sha256 -hmac app-secret
    byte[] body = "{\"text\":\"caf\\u00e9 \\/ ok\"}".getBytes(StandardCharsets.US_ASCII);
    String openssl = "sha256=d276bbbe445259f5242efbc6eec66a026e498feedff717d8d27a87b22f11a9ef";

    assertThat(verify("app-secret", openssl, body).valid()).isTrue();
  }

  @Test
  void acceptsAValidSignature() {
    assertThat(verify(SECRET, sign(SECRET, BODY), BODY)).isEqualTo(Verification.ok());
  }

  @Test
  void acceptsUppercaseHex() {
    String upper = "sha256=" + hex(SECRET, BODY).toUpperCase(Locale.ROOT);

    assertThat(verify(SECRET, upper, BODY).valid()).isTrue();
  }

  @Test
  void refusesATamperedBody() {
    byte[] tampered = BODY.clone();
    tampered[20] ^= 0x01;

    Verification result = verify(SECRET, sign(SECRET, BODY), tampered);

    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).contains("does not match");
  }

  @Test
  void refusesATamperedSignature() {
    String hex = hex(SECRET, BODY);
    String flipped = hex.substring(0, 10) + (hex.charAt(10) == 'a' ? 'b' : 'a') + hex.substring(11);

    assertThat(verify(SECRET, "sha256=" + flipped, BODY).valid()).isFalse();
  }

  @Test
  void refusesASignatureMadeWithAnotherSecret() {
    assertThat(verify(SECRET, sign("another-app-secret", BODY), BODY).valid()).isFalse();
  }

  @Test
  void checksEachDeliveryWithItsOwnSecretWhenOneThreadChecksSeveralTenants() {
    // The check reuses one Mac per thread: each delivery must be keyed with its own setup's secret.
    String openssl = "sha256=d276bbbe445259f5242efbc6eec66a026e498feedff717d8d27a87b22f11a9ef";
    byte[] body = "{\"text\":\"caf\\u00e9 \\/ ok\"}".getBytes(StandardCharsets.US_ASCII);

    assertThat(verify(SECRET, sign(SECRET, BODY), BODY).valid()).isTrue();
    assertThat(verify("app-secret", openssl, body).valid()).isTrue();
    assertThat(verify(SECRET, openssl, body).valid()).isFalse();
    assertThat(verify("app-secret", sign(SECRET, BODY), BODY).valid()).isFalse();
    assertThat(verify(SECRET, sign(SECRET, BODY), BODY).valid()).isTrue();
  }

  @Test
  void refusesASignatureKeyedWithTheVerifyTokenInsteadOfTheAppSecret() {
    assertThat(verify(SECRET, sign(Fixtures.VERIFY_TOKEN, BODY), BODY).valid()).isFalse();
  }

  @Test
  void refusesADeliveryWithoutSignature() {
    Verification result = webhooks.verify(setup(SECRET), WebhookRequest.post(Map.of(), BODY));

    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).contains("X-Hub-Signature-256").contains("missing");
  }

  @Test
  void refusesTheLegacySha1HeaderAlone() {
    String sha1 = "sha1=" + HexFormat.of().formatHex(mac("HmacSHA1", SECRET, BODY));

    Verification result =
        webhooks.verify(
            setup(SECRET), WebhookRequest.post(Map.of("X-Hub-Signature", List.of(sha1)), BODY));

    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).contains("SHA-1");
  }

  @Test
  void refusesAWrongOrMissingPrefix() {
    String hex = hex(SECRET, BODY);
    for (String header :
        List.of(hex, "sha1=" + hex, "SHA256=" + hex, "sha256:" + hex, " sha256=" + hex)) {
      assertThat(verify(SECRET, header, BODY).valid()).as(header).isFalse();
    }
  }

  @Test
  void refusesHexOfTheWrongLength() {
    String hex = hex(SECRET, BODY);
    for (String header :
        List.of(
            "sha256=" + hex.substring(1),
            "sha256=" + hex + "0",
            "sha256=" + hex + "00",
            "sha256=")) {
      Verification result = verify(SECRET, header, BODY);
      assertThat(result.valid()).as(header).isFalse();
      assertThat(result.reason()).contains("64");
    }
  }

  @Test
  void refusesNonHexCharacters() {
    String hex = hex(SECRET, BODY);
    for (String bad : List.of("g", "-", " ", "\uff10")) {
      String header = "sha256=" + bad + hex.substring(1);
      assertThat(verify(SECRET, header, BODY).valid()).as(header).isFalse();
    }
  }

  @Test
  void refusesARepeatedSignatureHeader() {
    String signature = sign(SECRET, BODY);
    Map<String, List<String>> headers =
        Map.of("X-Hub-Signature-256", List.of(signature, signature));

    Verification result = webhooks.verify(setup(SECRET), WebhookRequest.post(headers, BODY));

    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).contains("more than once");
  }

  @Test
  void matchesTheHeaderNameWithoutRegardToCase() {
    Map<String, List<String>> headers = Map.of("x-hub-signature-256", List.of(sign(SECRET, BODY)));

    assertThat(webhooks.verify(setup(SECRET), WebhookRequest.post(headers, BODY)).valid()).isTrue();
  }

  @Test
  void checksTheBytesAsSentWhenMetaEscapedNonAsciiText() {
    String escaped =
        "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"message\":"
            + "{\"mid\":\"m_1\",\"text\":\"caf\\u00e9 \\ud83d\\ude00 \\u4f60\\u597d\"}}]}]}";
    byte[] sent = escaped.getBytes(StandardCharsets.US_ASCII);
    String unescaped =
        "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"message\":"
            + "{\"mid\":\"m_1\",\"text\":\"caf\u00e9 \ud83d\ude00 \u4f60\u597d\"}}]}]}";
    byte[] reserialized = unescaped.getBytes(StandardCharsets.UTF_8);
    String signature = sign(SECRET, sent);

    assertThat(verify(SECRET, signature, sent).valid()).isTrue();
    assertThat(verify(SECRET, signature, reserialized).valid())
        .as("the same JSON value, written without Meta's escapes")
        .isFalse();
  }

  @Test
  void checksTheBytesAsSentWhenTheBodyHasEscapedSlashes() {
    byte[] sent =
        "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[{\"message\":{\"mid\":\"m_2\",\"text\":\"see https:\\/\\/example.com\\/a\"}}]}]}"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] unescaped =
        new String(sent, StandardCharsets.US_ASCII)
            .replace("\\/", "/")
            .getBytes(StandardCharsets.US_ASCII);
    String signature = sign(SECRET, sent);

    assertThat(verify(SECRET, signature, sent).valid()).isTrue();
    assertThat(verify(SECRET, signature, unescaped).valid()).isFalse();
  }

  @Test
  void refusesWhenNoAppSecretIsSetUp() {
    Verification result =
        webhooks.verify(
            Setup.of("clientId", "1"),
            WebhookRequest.post(Map.of("X-Hub-Signature-256", List.of(sign(SECRET, BODY))), BODY));

    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).contains("Client Secret");
  }

  @Test
  void reasonsNeverQuoteTheSecretOrTheSignature() {
    String signature = sign(SECRET, BODY);
    String hex = signature.substring("sha256=".length());
    byte[] other = "{}".getBytes(StandardCharsets.UTF_8);
    for (Verification result :
        List.of(
            verify(SECRET, signature, other),
            verify(SECRET, "sha256=" + hex.substring(2), BODY),
            verify(SECRET, "md5=" + hex, BODY))) {
      assertThat(result.valid()).isFalse();
      assertThat(result.reason()).doesNotContain(SECRET).doesNotContain(hex.substring(2));
    }
  }

  private Verification verify(String secret, String header, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Hub-Signature-256", List.of(header));
    headers.put("Content-Type", List.of("application/json"));
    return webhooks.verify(setup(secret), WebhookRequest.post(headers, body));
  }

  private static Setup setup(String secret) {
    return Fixtures.setup().with("clientSecret", secret);
  }

  private static String sign(String secret, byte[] body) {
    return "sha256=" + hex(secret, body);
  }

  private static String hex(String secret, byte[] body) {
    return HexFormat.of().formatHex(mac("HmacSHA256", secret, body));
  }

  private static byte[] mac(String algorithm, String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(body);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
