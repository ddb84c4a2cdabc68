package com.example.signedwebhook;

import dev.plugboard.connector.Capabilities;
import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.Icon;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldLevel;
import dev.plugboard.connector.schema.FieldType;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.webhook.WebhookHandler;
import java.util.List;
import java.util.Optional;

/**
 * A generic connector for any service that signs its JSON webhooks with a shared secret: an
 * HMAC-SHA256 of the raw body, in a header of the setup's choosing ({@code X-Signature-256: sha256=
 * <hex>} by default, as GitHub and many others send it). Each delivery, or each item of a delivery
 * that is a JSON array, becomes one event; its id is the item's {@code id} member, else the SHA-256
 * of its bytes.
 *
 * <p>The setup holds the account's API key (its authorization), the signing secret, an optional
 * verify token for services that check the webhook URL first, and the header's name and prefix.
 * Stateless and thread-safe, as the SPI requires.
 */
public class SignedWebhookConnector implements Connector {

  static final String API_KEY = "apiKey";
  static final String SIGNING_SECRET = "signingSecret";
  static final String VERIFY_TOKEN = "verifyToken";
  static final String SIGNATURE_HEADER = "signatureHeader";
  static final String SIGNATURE_PREFIX = "signaturePrefix";

  static final String DEFAULT_HEADER = "X-Signature-256";
  static final String DEFAULT_PREFIX = "sha256=";

  /** The prefix value that stands for "the header holds the bare digest". */
  static final String NO_PREFIX = "none";

  static final int MIN_SECRET_LENGTH = 16;

  private static final String ICON =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\" fill=\"none\""
          + " stroke=\"#3b5bdb\" stroke-width=\"2\" stroke-linecap=\"round\">"
          + "<path d=\"M4 12h5l2-5 2 10 2-5h5\"/><circle cx=\"12\" cy=\"12\" r=\"10\"/></svg>";

  private static final ConnectorDescriptor DESCRIPTOR =
      ConnectorDescriptor.builder("signed-webhook", "Signed webhook", "1.0.0")
          .description(
              "Receives JSON webhooks from any service that signs them with a shared secret"
                  + " (HMAC-SHA256), one event per delivery or per item of a JSON array.")
          .icon(Icon.svg(ICON))
          .categories("webhooks", "developer-tools")
          .authFields(
              Field.builder(API_KEY, FieldType.SECRET)
                  .label("API key")
                  .help(
                      "The API key the sending service issued for your account. It is kept"
                          + " encrypted; the connection test checks that it is set.")
                  .required(true)
                  .build(),
              Field.builder(SIGNING_SECRET, FieldType.SECRET)
                  .label("Signing secret")
                  .help(
                      "The shared secret the service signs each delivery with (HMAC-SHA256 of the"
                          + " raw body), at least "
                          + MIN_SECRET_LENGTH
                          + " characters. Copy it from the service's webhook settings.")
                  .required(true)
                  .build(),
              Field.builder(VERIFY_TOKEN, FieldType.SECRET)
                  .label("Verify token")
                  .help(
                      "Only for services that check the webhook URL first with GET"
                          + " ?challenge=…&token=…: the challenge is echoed when the token matches"
                          + " this value.")
                  .build(),
              Field.builder(SIGNATURE_HEADER, FieldType.TEXT)
                  .label("Signature header")
                  .help("The HTTP header that carries the signature.")
                  .defaultValue(DEFAULT_HEADER)
                  .pattern("[A-Za-z0-9-]{1,64}")
                  .level(FieldLevel.BOTH)
                  .build(),
              Field.builder(SIGNATURE_PREFIX, FieldType.TEXT)
                  .label("Signature prefix")
                  .help(
                      "The text before the hexadecimal digest in that header, e.g. sha256=. Write "
                          + NO_PREFIX
                          + " when the header holds the bare digest.")
                  .defaultValue(DEFAULT_PREFIX)
                  .pattern("[A-Za-z0-9=:_.-]{1,32}")
                  .level(FieldLevel.BOTH)
                  .build())
          .authorization(new Authorization.ApiKey(API_KEY))
          .capabilities(new Capabilities(true, true, List.of()))
          .build();

  private static final WebhookHandler WEBHOOKS = new SignedWebhooks();

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Validation validate(Setup setup) {
    Validation validation = Connector.super.validate(setup);
    if (validation.valid(SIGNING_SECRET)
        && setup.value(SIGNING_SECRET).map(s -> s.length() < MIN_SECRET_LENGTH).orElse(false)) {
      validation =
          validation.and(
              SIGNING_SECRET,
              "Signing secret must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    return validation;
  }

  @Override
  public Optional<WebhookHandler> webhooks() {
    return Optional.of(WEBHOOKS);
  }

  @Override
  public ConnectorSession open(ConnectorContext context) {
    return new ConnectorSession() {
      /** Nothing to call: the service calls us. Checks that the setup can accept deliveries. */
      @Override
      public TestResult test() {
        Setup setup = context.setup();
        if (validate(setup).valid()) {
          return TestResult.ok(
              "Ready: deliveries signed with HMAC-SHA256 in the "
                  + setup.value(SIGNATURE_HEADER).orElse(DEFAULT_HEADER)
                  + " header are accepted"
                  + (setup.has(VERIFY_TOKEN)
                      ? ", and URL verification requests are answered."
                      : "."));
        }
        return TestResult.failed("The setup is incomplete: validate it to see which values.");
      }
    };
  }
}
