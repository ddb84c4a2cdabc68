package dev.plugboard.connector.facebook;

import static dev.plugboard.connector.facebook.MessengerDescriptor.CLIENT_SECRET;
import static dev.plugboard.connector.facebook.MessengerDescriptor.VERIFY_TOKEN;

import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.facebook.EventSpans.Span;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Messenger's webhooks: the {@code hub.*} handshake, the {@code X-Hub-Signature-256} check and the
 * split of a delivery into one event per item of every entry's {@code messaging}, {@code standby}
 * (events of conversations another app owns) and {@code changes} (Page feed changes, if the app
 * subscribed to them) arrays. Stateless.
 *
 * <p>Each event's payload is its JSON text exactly as it appears in the delivery, and its id is the
 * message id ({@code mid}) of a message, an echo or a postback, else the SHA-256 (hex) of that
 * exact text's bytes, which Meta repeats byte for byte when it retries. Reactions are hashed too:
 * they carry the id of the message reacted to, which two reactions would share.
 */
final class MessengerWebhooks implements WebhookHandler {

  private static final List<String> EVENT_ARRAYS = List.of("messaging", "standby", "changes");
  private static final Set<String> EVENT_ARRAY_NAMES = Set.copyOf(EVENT_ARRAYS);
  private static final int MAX_ID_LENGTH = 255;

  @Override
  public Handshake handshake(Setup setup, WebhookRequest request) {
    Optional<String> mode = nonEmpty(request.queryParameter("hub.mode"));
    Optional<String> token = nonEmpty(request.queryParameter("hub.verify_token"));
    Optional<String> challenge = nonEmpty(request.queryParameter("hub.challenge"));
    if (mode.isEmpty() || token.isEmpty() || challenge.isEmpty()) {
      return new Handshake.Invalid(
          "a verification request needs hub.mode, hub.verify_token and hub.challenge");
    }
    if (!mode.get().equals("subscribe")) {
      return new Handshake.Invalid("hub.mode must be subscribe");
    }
    Optional<String> expected = setup.value(VERIFY_TOKEN);
    if (expected.isEmpty()) {
      return new Handshake.Refused("no Verify Token is set up for this webhook");
    }
    if (!sameSecret(expected.get(), token.get())) {
      return new Handshake.Refused("hub.verify_token does not match the Verify Token");
    }
    return new Handshake.Accepted("text/plain", challenge.get());
  }

  @Override
  public Verification verify(Setup setup, WebhookRequest request) {
    return HubSignature.verify(setup.value(CLIENT_SECRET).orElse(null), request);
  }

  /**
   * A one-message delivery to the first Page (or a made-up Page id), escaped and signed as Meta
   * does, with a fresh {@code mid} so that each test event is stored.
   */
  @Override
  public Optional<WebhookRequest> sample(Setup setup, List<String> resourceIds, Instant now) {
    Optional<String> secret = setup.value(CLIENT_SECRET);
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    String pageId = resourceIds.isEmpty() ? "100000000000000" : resourceIds.get(0);
    long millis = now.toEpochMilli();
    String mid = "m_plugboard-test-" + java.util.UUID.randomUUID();
    String body =
        ("{\"object\":\"page\",\"entry\":[{\"id\":\"%s\",\"time\":%d,\"messaging\":[{"
                + "\"sender\":{\"id\":\"1000000000000000\"},\"recipient\":{\"id\":\"%s\"},"
                + "\"timestamp\":%d,\"message\":{\"mid\":\"%s\","
                + "\"text\":\"Test event from Plugboard \\u2713\"}}]}]}")
            .formatted(
                pageId.replaceAll("[^0-9]", ""),
                millis,
                pageId.replaceAll("[^0-9]", ""),
                millis,
                mid);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature =
        HubSignature.PREFIX
            + HexFormat.of().formatHex(HubSignature.hmac(secret.get(), ByteBuffer.wrap(bytes)));
    return Optional.of(
        WebhookRequest.post(
            Map.of(
                HubSignature.HEADER,
                List.of(signature),
                "Content-Type",
                List.of("application/json")),
            bytes));
  }

  @Override
  public List<WebhookEvent> split(WebhookRequest request) {
    byte[] body = bytes(request.body());
    JsonObject delivery =
        Jsonp.object(utf8(body))
            .orElseThrow(() -> new CallerException("the delivery is not a JSON object"));
    String object = Jsonp.text(delivery, "object").orElse("");
    if (!object.equals("page")) {
      throw new CallerException(
          object.isEmpty()
              ? "the delivery names no object: Messenger sends object \"page\""
              : "the delivery is for object \""
                  + (object.matches("[a-z_]{1,40}") ? object : "?")
                  + "\", not \"page\": subscribe this webhook to Page events only");
    }
    if (!(delivery.get("entry") instanceof JsonArray entries)) {
      throw new CallerException("the delivery has no entry array");
    }
    Optional<List<Map<String, List<Span>>>> spans = EventSpans.find(body, EVENT_ARRAY_NAMES);

    List<WebhookEvent> events = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (!(entries.get(i) instanceof JsonObject entry)) {
        throw new CallerException("entry " + i + " of the delivery is not an object");
      }
      Optional<String> pageId = Jsonp.text(entry, "id");
      Optional<Long> entryTime = Jsonp.number(entry, "time");
      for (String key : EVENT_ARRAYS) {
        JsonValue value = entry.get(key);
        if (value == null) {
          continue;
        }
        if (!(value instanceof JsonArray items)) {
          throw new CallerException("entry " + i + " has a " + key + " that is not an array");
        }
        List<Span> raw = rawSpans(spans, i, key, items.size());
        for (int j = 0; j < items.size(); j++) {
          if (!(items.get(j) instanceof JsonObject event)) {
            throw new CallerException(
                "entry " + i + " has a " + key + " item that is not an object");
          }
          String payload =
              raw.isEmpty()
                  ? event.toString()
                  : new String(
                      body,
                      raw.get(j).start(),
                      raw.get(j).end() - raw.get(j).start(),
                      StandardCharsets.UTF_8);
          String kind = key.equals("changes") ? "other" : kind(event);
          events.add(
              new WebhookEvent(
                  kind,
                  externalId(kind, event, payload),
                  pageId,
                  payload,
                  Jsonp.number(event, "timestamp")
                      .or(() -> entryTime)
                      .flatMap(MessengerWebhooks::instant)));
        }
      }
    }
    return events;
  }

  /** The raw spans of one array, or none when the scanner and the parser disagree on it. */
  private static List<Span> rawSpans(
      Optional<List<Map<String, List<Span>>>> spans, int entry, String key, int expected) {
    List<Span> raw =
        spans
            .filter(s -> s.size() > entry)
            .map(s -> s.get(entry).getOrDefault(key, List.of()))
            .orElse(List.of());
    return raw.size() == expected ? raw : List.of();
  }

  static String kind(JsonObject event) {
    Optional<JsonObject> message = Jsonp.child(event, "message");
    if (message.isPresent()) {
      return message.get().get("is_echo") == JsonValue.TRUE ? "echo" : "message";
    }
    for (String kind : List.of("postback", "delivery", "read", "reaction")) {
      if (event.containsKey(kind)) {
        return kind;
      }
    }
    return "other";
  }

  private static String externalId(String kind, JsonObject event, String payload) {
    Optional<String> mid =
        switch (kind) {
          case "message", "echo" ->
              Jsonp.child(event, "message").flatMap(m -> Jsonp.text(m, "mid"));
          case "postback" -> Jsonp.child(event, "postback").flatMap(p -> Jsonp.text(p, "mid"));
          default -> Optional.empty();
        };
    return mid.filter(m -> !m.isBlank() && m.length() <= MAX_ID_LENGTH)
        .orElseGet(() -> sha256Hex(payload.getBytes(StandardCharsets.UTF_8)));
  }

  private static Optional<Instant> instant(long epochMillis) {
    try {
      return Optional.of(Instant.ofEpochMilli(epochMillis));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Constant-time, and comparing digests keeps the expected token's length from showing. */
  private static boolean sameSecret(String expected, String given) {
    return MessageDigest.isEqual(
        sha256(expected.getBytes(StandardCharsets.UTF_8)),
        sha256(given.getBytes(StandardCharsets.UTF_8)));
  }

  private static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CallerException("the delivery is not UTF-8 text");
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static Optional<String> nonEmpty(Optional<String> value) {
    return value.filter(v -> !v.isEmpty());
  }
}
