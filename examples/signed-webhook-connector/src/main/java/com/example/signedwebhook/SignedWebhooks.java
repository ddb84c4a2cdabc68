package com.example.signedwebhook;

import static com.example.signedwebhook.SignedWebhookConnector.DEFAULT_HEADER;
import static com.example.signedwebhook.SignedWebhookConnector.DEFAULT_PREFIX;
import static com.example.signedwebhook.SignedWebhookConnector.NO_PREFIX;
import static com.example.signedwebhook.SignedWebhookConnector.SIGNATURE_HEADER;
import static com.example.signedwebhook.SignedWebhookConnector.SIGNATURE_PREFIX;
import static com.example.signedwebhook.SignedWebhookConnector.SIGNING_SECRET;
import static com.example.signedwebhook.SignedWebhookConnector.VERIFY_TOKEN;

import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The webhook side: a {@code GET ?challenge=&token=} handshake, the HMAC-SHA256 check over the raw
 * bytes in constant time, and the split into events. Stateless.
 *
 * <p>A delivery that is a JSON object is one event whose payload is the body exactly as received; a
 * JSON array is one event per object in it. An event's kind is its {@code type} member, else {@code
 * event}; its id is its {@code id} member (a string or a number), else the SHA-256 (hex) of its
 * bytes, which a retry repeats.
 */
final class SignedWebhooks implements WebhookHandler {

  static final String SAMPLE_KIND = "plugboard.test";

  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{1,256}");
  private static final int MAX_ID_LENGTH = 255;
  private static final int MAX_KIND_LENGTH = 100;

  @Override
  public Handshake handshake(Setup setup, WebhookRequest request) {
    Optional<String> challenge = request.queryParameter("challenge").filter(c -> !c.isEmpty());
    Optional<String> token = request.queryParameter("token").filter(t -> !t.isEmpty());
    if (challenge.isEmpty() || token.isEmpty()) {
      return new Handshake.Invalid("a verification request needs challenge and token");
    }
    if (!CHALLENGE.matcher(challenge.get()).matches()) {
      return new Handshake.Invalid(
          "challenge must be 1 to 256 letters, digits or the characters . _ ~ -");
    }
    Optional<String> expected = setup.value(VERIFY_TOKEN);
    if (expected.isEmpty()) {
      return new Handshake.Refused("no verify token is set up for this webhook");
    }
    if (!MessageDigest.isEqual(utf8(expected.get()), utf8(token.get()))) {
      return new Handshake.Refused("token does not match the verify token");
    }
    return new Handshake.Accepted("text/plain", challenge.get());
  }

  @Override
  public Verification verify(Setup setup, WebhookRequest request) {
    String header = header(setup);
    String prefix = prefix(setup);
    List<String> values = request.headers(header);
    if (values.isEmpty()) {
      return Verification.refused(header + " header is missing");
    }
    if (values.size() > 1) {
      return Verification.refused(header + " header was sent more than once");
    }
    String value = values.get(0).strip();
    if (!value.startsWith(prefix)) {
      return Verification.refused(
          header + " does not start with " + (prefix.isEmpty() ? "the digest" : prefix));
    }
    String hex = value.substring(prefix.length());
    if (hex.length() != Signatures.DIGEST_HEX_LENGTH) {
      return Verification.refused(
          header + " must hold " + Signatures.DIGEST_HEX_LENGTH + " hexadecimal digits");
    }
    byte[] received;
    try {
      received = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return Verification.refused(header + " holds characters that are not hexadecimal digits");
    }
    Optional<String> secret = setup.value(SIGNING_SECRET);
    if (secret.isEmpty()) {
      return Verification.refused("no signing secret is set up to check signatures with");
    }
    return MessageDigest.isEqual(Signatures.hmac(secret.get(), request.body()), received)
        ? Verification.ok()
        : Verification.refused(
            "signature does not match the body: the delivery was altered or signed with another"
                + " secret");
  }

  @Override
  public List<WebhookEvent> split(WebhookRequest request) {
    JsonValue body;
    try (JsonReader reader = Json.createReader(request.bodyStream())) {
      body = reader.readValue();
    } catch (JsonException e) {
      throw new CallerException("the body is not JSON");
    }
    if (body instanceof JsonObject single) {
      return List.of(event(single, bytes(request.body())));
    }
    if (body.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new CallerException("the body must be a JSON object or an array of objects");
    }
    List<WebhookEvent> events = new ArrayList<>();
    for (JsonValue item : body.asJsonArray()) {
      if (!(item instanceof JsonObject object)) {
        throw new CallerException("every item of a JSON array body must be an object");
      }
      events.add(event(object, utf8(object.toString())));
    }
    return events;
  }

  /**
   * One test event with a fresh id, signed with the setup's secret as the service would sign it.
   */
  @Override
  public Optional<WebhookRequest> sample(Setup setup, List<String> resourceIds, Instant now) {
    Optional<String> secret = setup.value(SIGNING_SECRET);
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    byte[] body =
        utf8(
            Json.createObjectBuilder()
                .add("id", "plugboard-test-" + UUID.randomUUID())
                .add("type", SAMPLE_KIND)
                .add("createdAt", now.toString())
                .add(
                    "data",
                    Json.createObjectBuilder().add("message", "A test event sent by Plugboard"))
                .build()
                .toString());
    String signature =
        prefix(setup)
            + HexFormat.of().formatHex(Signatures.hmac(secret.get(), ByteBuffer.wrap(body)));
    return Optional.of(
        WebhookRequest.post(
            Map.of(header(setup), List.of(signature), "Content-Type", List.of("application/json")),
            body));
  }

  private static WebhookEvent event(JsonObject object, byte[] bytes) {
    String kind =
        text(object.get("type")).filter(k -> k.length() <= MAX_KIND_LENGTH).orElse("event");
    String id =
        text(object.get("id"))
            .filter(i -> i.length() <= MAX_ID_LENGTH)
            .orElseGet(() -> sha256(bytes));
    return new WebhookEvent(
        kind, id, Optional.empty(), new String(bytes, StandardCharsets.UTF_8), Optional.empty());
  }

  private static Optional<String> text(JsonValue value) {
    if (value instanceof JsonString string) {
      return Optional.of(string.getString().strip()).filter(s -> !s.isEmpty());
    }
    if (value instanceof JsonNumber number) {
      return Optional.of(number.toString());
    }
    return Optional.empty();
  }

  static String header(Setup setup) {
    return setup.value(SIGNATURE_HEADER).orElse(DEFAULT_HEADER);
  }

  static String prefix(Setup setup) {
    String prefix = setup.value(SIGNATURE_PREFIX).orElse(DEFAULT_PREFIX);
    return prefix.equals(NO_PREFIX) ? "" : prefix;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
