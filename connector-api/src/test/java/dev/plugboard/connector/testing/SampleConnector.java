package dev.plugboard.connector.testing;

import dev.plugboard.connector.Capabilities;
import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.Setting;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.action.ActionDescriptor;
import dev.plugboard.connector.action.ActionResult;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldLevel;
import dev.plugboard.connector.schema.FieldType;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small but complete connector used to test the SPI and the contract kit: an API-key setup and
 * webhooks signed with a shared secret, one event per line of the body ({@code <id> <text>}).
 */
public class SampleConnector implements Connector {

  static final String SIGNATURE_HEADER = "X-Sample-Signature";

  private static final ConnectorDescriptor DESCRIPTOR =
      ConnectorDescriptor.builder("sample-webhook", "Sample webhook", "1.0.0")
          .description("Receives signed webhooks from a sample service.")
          .categories("testing")
          .authFields(
              Field.builder("endpoint", FieldType.URL)
                  .label("Endpoint")
                  .help("Where the sample service runs.")
                  .required(true)
                  .level(FieldLevel.BOTH)
                  .build(),
              Field.builder("apiKey", FieldType.SECRET)
                  .label("API key")
                  .help("The key from the sample service's settings page.")
                  .required(true)
                  .build(),
              Field.builder("signingSecret", FieldType.SECRET)
                  .label("Signing secret")
                  .help("Signs webhook deliveries; also the handshake token.")
                  .required(true)
                  .build(),
              Field.builder("mode", FieldType.CHOICE)
                  .label("Mode")
                  .help("How events are grouped.")
                  .choices("fast", "safe")
                  .defaultValue("safe")
                  .build(),
              Field.builder("tags", FieldType.LIST)
                  .label("Tags")
                  .help("Comma-separated tags, lowercase.")
                  .pattern("[a-z]+")
                  .build())
          .authorization(new Authorization.ApiKey("apiKey"))
          .settings(new Setting("base-url", "https://sample.invalid", "The service's API."))
          .capabilities(
              new Capabilities(
                  true,
                  true,
                  List.of(
                      new ActionDescriptor(
                          "echo",
                          "Echo",
                          "Returns its input.",
                          List.of(
                              Field.builder("text", FieldType.TEXT)
                                  .label("Text")
                                  .required(true)
                                  .build())))))
          .build();

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Validation validate(Setup setup) {
    Validation validation = Connector.super.validate(setup);
    if (validation.valid("apiKey") && setup.value("apiKey").orElse("k-").length() < 4) {
      validation = validation.and("apiKey", "API key is too short");
    }
    return validation;
  }

  @Override
  public Optional<WebhookHandler> webhooks() {
    return Optional.of(new SampleWebhooks());
  }

  @Override
  public ConnectorSession open(ConnectorContext context) {
    return new ConnectorSession() {
      @Override
      public TestResult test() {
        return TestResult.ok("Reached " + context.setting("base-url"));
      }

      @Override
      public ActionResult invoke(String action, Setup input) {
        if (!action.equals("echo")) {
          throw new CallerException("unknown action '" + action + "'");
        }
        return ActionResult.of("text", input.require("text"));
      }
    };
  }

  /** Computes the signature the sample service sends, for tests. */
  public static String sign(String secret, byte[] body) {
    return HexFormat.of().formatHex(hmac(secret, ByteBuffer.wrap(body)));
  }

  private static byte[] hmac(String secret, ByteBuffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(body);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static final class SampleWebhooks implements WebhookHandler {

    @Override
    public Handshake handshake(Setup setup, WebhookRequest request) {
      Optional<String> challenge = request.queryParameter("challenge");
      Optional<String> token = request.queryParameter("token");
      if (challenge.isEmpty() || token.isEmpty()) {
        return new Handshake.Invalid("challenge and token are required");
      }
      Optional<String> expected = setup.value("signingSecret");
      if (expected.isEmpty()
          || !MessageDigest.isEqual(
              expected.get().getBytes(StandardCharsets.UTF_8),
              token.get().getBytes(StandardCharsets.UTF_8))) {
        return new Handshake.Refused("token does not match");
      }
      return new Handshake.Accepted("text/plain", challenge.get());
    }

    @Override
    public Verification verify(Setup setup, WebhookRequest request) {
      Optional<String> secret = setup.value("signingSecret");
      if (secret.isEmpty()) {
        return Verification.refused("no signing secret is set up");
      }
      Optional<String> header = request.header(SIGNATURE_HEADER);
      if (header.isEmpty() || !header.get().matches("[0-9a-f]{64}")) {
        return Verification.refused("missing or malformed signature");
      }
      byte[] expected = hmac(secret.get(), request.body());
      return MessageDigest.isEqual(expected, HexFormat.of().parseHex(header.get()))
          ? Verification.ok()
          : Verification.refused("signature does not match");
    }

    @Override
    public List<WebhookEvent> split(WebhookRequest request) {
      String body = new String(bytes(request.body()), StandardCharsets.UTF_8);
      List<WebhookEvent> events = new ArrayList<>();
      for (String line : body.split("\n")) {
        String[] parts = line.strip().split(" ", 2);
        if (parts[0].isEmpty()) {
          continue;
        }
        events.add(
            new WebhookEvent(
                "line",
                parts[0],
                Optional.empty(),
                "{\"text\":\"" + (parts.length > 1 ? parts[1].replace("\"", "") : "") + "\"}",
                Optional.empty()));
      }
      return events;
    }

    private static byte[] bytes(ByteBuffer buffer) {
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return out;
    }
  }
}
