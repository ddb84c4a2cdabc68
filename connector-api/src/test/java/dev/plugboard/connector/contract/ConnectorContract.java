package dev.plugboard.connector.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.action.ActionDescriptor;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.loader.ConnectorLoader;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldResult;
import dev.plugboard.connector.schema.FieldType;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The connector contract kit: extend it in a connector's tests to check that the connector honours
 * the SPI. Provide the connector, a complete valid setup and, if it handles webhooks, {@link
 * WebhookSamples}; every test here then runs against it.
 *
 * <pre>{@code
 * class MyConnectorContractTest extends ConnectorContract {
 *   protected Connector connector() { return new MyConnector(); }
 *   protected Setup validSetup() { return Setup.of("apiKey", "k-123"); }
 * }
 * }</pre>
 *
 * <p>The checks use only the connector's own API: no provider is called.
 *
 * @since 1
 */
public abstract class ConnectorContract {

  private static final Pattern SECRET_LOOKING =
      Pattern.compile("(?i).*(secret|password|passwd|token|apikey|api_key|private).*");

  /**
   * @return a new instance of the connector under test, as the runtime would create it
   */
  protected abstract Connector connector();

  /**
   * @return a complete setup that passes the connector's validation
   */
  protected abstract Setup validSetup();

  /**
   * @return sample requests, required when the connector declares webhooks
   */
  protected Optional<WebhookSamples> webhookSamples() {
    return Optional.empty();
  }

  private ConnectorDescriptor descriptor() {
    return connector().descriptor();
  }

  @Test
  void passesTheLoadersChecks() {
    assertThat(ConnectorLoader.check(connector())).as("problems found by the loader").isEmpty();
  }

  @Test
  void isRegisteredAsAService() {
    Class<?> type = connector().getClass();
    boolean registered =
        ServiceLoader.load(Connector.class, type.getClassLoader()).stream()
            .anyMatch(p -> p.type().equals(type));
    assertThat(registered)
        .as("META-INF/services/%s lists %s", Connector.class.getName(), type.getName())
        .isTrue();
  }

  @Test
  void descriptorIsStableAcrossInstancesAndCalls() {
    Connector connector = connector();
    assertThat(connector.descriptor()).isEqualTo(connector.descriptor());
    assertThat(connector().descriptor()).isEqualTo(connector.descriptor());
  }

  @Test
  void fieldKeysAreUnique() {
    List<String> keys = descriptor().authFields().stream().map(Field::key).toList();
    assertThat(keys).doesNotHaveDuplicates();
  }

  @Test
  void credentialLookingFieldsAreSecret() {
    for (Field field : descriptor().authFields()) {
      if (SECRET_LOOKING.matcher(field.key()).matches()
          || SECRET_LOOKING.matcher(field.label()).matches()) {
        assertThat(field.secret())
            .as("field '%s' looks like a credential but is not secret", field.key())
            .isTrue();
      }
      if (field.type() == FieldType.SECRET) {
        assertThat(field.secret()).as("secret-typed field '%s'", field.key()).isTrue();
      }
    }
  }

  @Test
  void everyFieldHasHelp() {
    for (Field field : descriptor().authFields()) {
      assertThat(field.help()).as("help of field '%s'", field.key()).isNotBlank();
    }
  }

  @Test
  void validSetupPasses() {
    Validation validation = connector().validate(validSetup());
    assertThat(validation.errors()).as("errors for the valid setup").isEmpty();
    assertThat(validation.valid()).isTrue();
  }

  @Test
  void validationReportsOneResultPerFieldInSchemaOrder() {
    List<String> keys = descriptor().authFields().stream().map(Field::key).toList();
    for (Setup setup : List.of(Setup.empty(), validSetup(), garbled(validSetup()))) {
      List<String> validated =
          connector().validate(setup).results().stream().map(FieldResult::key).toList();
      assertThat(validated).as("validated keys for %s", setup).isEqualTo(keys);
    }
  }

  @Test
  void emptySetupIsRefusedOnEveryRequiredFieldWithoutDefault() {
    Validation validation = connector().validate(Setup.empty());
    for (Field field : descriptor().authFields()) {
      if (field.required() && field.defaultValue().isEmpty()) {
        assertThat(messages(validation, field.key()))
            .as("messages for the missing required field '%s'", field.key())
            .isNotEmpty();
      }
    }
  }

  @Test
  void validationMessagesNeverEchoSecretValues() {
    Setup garbled = garbled(validSetup());
    Validation validation = connector().validate(garbled);
    for (Field field : descriptor().authFields()) {
      if (!field.secret()) {
        continue;
      }
      String value = garbled.value(field.key()).orElse(null);
      if (value == null) {
        continue;
      }
      for (FieldResult result : validation.results()) {
        for (String message : result.messages()) {
          assertThat(message).as("a validation message").doesNotContain(value);
        }
      }
    }
  }

  @Test
  void validationNeverThrowsOnOddValues() {
    Map<String, String> odd = new HashMap<>();
    for (Field field : descriptor().authFields()) {
      odd.put(field.key(), " ,\u0000\u00e9\ud83d\ude00 ,,\n" + "x".repeat(5000));
    }
    Validation validation = connector().validate(new Setup(odd));
    assertThat(validation.results()).hasSameSizeAs(descriptor().authFields());
  }

  @Test
  void openingASessionIsCheapAndNeedsNoCredentials() {
    ConnectorContext context = ConnectorContext.builder(descriptor()).setup(validSetup()).build();
    assertThat(connector().open(context)).isNotNull();
  }

  @Test
  void actionsHaveUniqueNamesAndRejectUnknownOnes() {
    List<ActionDescriptor> actions = descriptor().capabilities().actions();
    assertThat(actions.stream().map(ActionDescriptor::name).toList()).doesNotHaveDuplicates();
    assertThatThrownBy(() -> connector().validateInput("no-such-action", Setup.empty()))
        .isInstanceOf(CallerException.class);
    for (ActionDescriptor action : actions) {
      List<String> keys = action.input().stream().map(Field::key).toList();
      List<String> validated =
          connector().validateInput(action.name(), Setup.empty()).results().stream()
              .map(FieldResult::key)
              .toList();
      assertThat(validated).as("validated input keys of '%s'", action.name()).isEqualTo(keys);
    }
  }

  @Test
  void webhooksAreDeclaredWithSamples() {
    boolean declared = descriptor().capabilities().webhooks();
    assertThat(connector().webhooks().isPresent()).isEqualTo(declared);
    if (declared) {
      assertThat(webhookSamples())
          .as("a connector with webhooks must provide WebhookSamples to the contract kit")
          .isPresent();
    }
  }

  @Test
  void handshakeEchoesTheExpectedBodyForTheRightToken() {
    WebhookSamples samples = samples();
    Handshake answer = webhooks().handshake(validSetup(), samples.handshake());
    assertThat(answer).isInstanceOf(Handshake.Accepted.class);
    assertThat(((Handshake.Accepted) answer).body()).isEqualTo(samples.expectedHandshakeBody());
  }

  @Test
  void handshakeRefusesAWrongToken() {
    Handshake answer = webhooks().handshake(validSetup(), samples().handshakeWithWrongToken());
    assertThat(answer).isNotInstanceOf(Handshake.Accepted.class);
  }

  @Test
  void handshakeRefusesWhenTheSetupHasNoToken() {
    Setup withoutSecrets = validSetup();
    for (String key : descriptor().secretFieldKeys()) {
      withoutSecrets = withoutSecrets.with(key, "");
    }
    Handshake answer = webhooks().handshake(withoutSecrets, samples().handshake());
    assertThat(answer).isNotInstanceOf(Handshake.Accepted.class);
  }

  @Test
  void signedDeliveryVerifiesAndSplitsIntoEventsWithStableIds() {
    WebhookRequest delivery = samples().signedDelivery();
    assertThat(webhooks().verify(validSetup(), delivery).valid()).isTrue();
    List<WebhookEvent> events = webhooks().split(delivery);
    assertThat(events).isNotEmpty();
    assertThat(events.stream().map(WebhookEvent::externalId).toList()).doesNotHaveDuplicates();
    assertThat(webhooks().split(delivery)).isEqualTo(events);
  }

  @Test
  void sampleDeliveryIfOfferedVerifiesAndSplits() {
    java.util.Optional<WebhookRequest> sample =
        webhooks().sample(validSetup(), List.of(), java.time.Instant.parse("2026-01-01T00:00:00Z"));
    if (sample.isEmpty()) {
      return;
    }
    assertThat(webhooks().verify(validSetup(), sample.get()).valid()).isTrue();
    assertThat(webhooks().split(sample.get())).isNotEmpty();
    java.util.Optional<WebhookRequest> another =
        webhooks().sample(validSetup(), List.of(), java.time.Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(webhooks().split(another.orElseThrow()).get(0).externalId())
        .as("each sample is a new event")
        .isNotEqualTo(webhooks().split(sample.get()).get(0).externalId());
  }

  @Test
  void tamperedBodyIsRefused() {
    WebhookRequest delivery = samples().signedDelivery();
    byte[] body = bytes(delivery.body());
    for (int position : new int[] {0, body.length / 2, body.length - 1}) {
      byte[] tampered = body.clone();
      tampered[position] ^= 0x01;
      WebhookRequest request = WebhookRequest.post(headers(delivery), tampered);
      assertThat(webhooks().verify(validSetup(), request).valid())
          .as("body with byte %d flipped", position)
          .isFalse();
    }
    byte[] longer = java.util.Arrays.copyOf(body, body.length + 1);
    longer[body.length] = ' ';
    assertThat(webhooks().verify(validSetup(), WebhookRequest.post(headers(delivery), longer)))
        .extracting(v -> v.valid())
        .as("body with a byte appended")
        .isEqualTo(false);
  }

  @Test
  void tamperedOrMissingSignatureIsRefused() {
    WebhookSamples samples = samples();
    WebhookRequest delivery = samples.signedDelivery();
    byte[] body = bytes(delivery.body());
    String signature = delivery.header(samples.signatureHeader()).orElseThrow();
    char last = signature.charAt(signature.length() - 1);
    String flipped = signature.substring(0, signature.length() - 1) + (last == '0' ? '1' : '0');
    for (String bad :
        List.of(flipped, signature.substring(0, signature.length() - 2), "", signature + "00")) {
      Map<String, List<String>> headers = headers(delivery);
      headers.keySet().removeIf(k -> k.equalsIgnoreCase(samples.signatureHeader()));
      headers.put(samples.signatureHeader(), List.of(bad));
      assertThat(webhooks().verify(validSetup(), WebhookRequest.post(headers, body)).valid())
          .as("signature header '%s'", bad)
          .isFalse();
    }
    Map<String, List<String>> without = headers(delivery);
    without.keySet().removeIf(k -> k.equalsIgnoreCase(samples.signatureHeader()));
    assertThat(webhooks().verify(validSetup(), WebhookRequest.post(without, body)).valid())
        .as("no signature header")
        .isFalse();
  }

  @Test
  void deliverySignedWithAnotherSecretIsRefused() {
    Setup other = validSetup();
    for (String key : descriptor().secretFieldKeys()) {
      other = other.with(key, other.value(key).orElse("") + "-other");
    }
    assertThat(webhooks().verify(other, samples().signedDelivery()).valid()).isFalse();
  }

  @Test
  void refusalReasonsNeverContainSecrets() {
    WebhookSamples samples = samples();
    WebhookRequest delivery = samples.signedDelivery();
    String signature = delivery.header(samples.signatureHeader()).orElseThrow();
    Map<String, List<String>> headers = headers(delivery);
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(samples.signatureHeader()));
    headers.put(samples.signatureHeader(), List.of(signature.replaceAll("[0-9a-fA-F]", "0")));
    String reason =
        webhooks()
            .verify(validSetup(), WebhookRequest.post(headers, bytes(delivery.body())))
            .reason();
    for (String key : descriptor().secretFieldKeys()) {
      validSetup().value(key).ifPresent(secret -> assertThat(reason).doesNotContain(secret));
    }
  }

  private WebhookHandler webhooks() {
    Assumptions.assumeTrue(
        descriptor().capabilities().webhooks(), "the connector declares no webhooks");
    return connector().webhooks().orElseThrow();
  }

  private WebhookSamples samples() {
    webhooks();
    return webhookSamples()
        .orElseThrow(() -> new AssertionError("webhooks declared but no WebhookSamples given"));
  }

  private static List<String> messages(Validation validation, String key) {
    return validation.results().stream()
        .filter(r -> r.key().equals(key))
        .findFirst()
        .map(FieldResult::messages)
        .orElse(List.of());
  }

  /** The valid setup with every value replaced by something that fits no sensible pattern. */
  private Setup garbled(Setup setup) {
    Map<String, String> values = new HashMap<>();
    for (Field field : descriptor().authFields()) {
      String original = setup.value(field.key()).orElse("value");
      values.put(field.key(), "\u00a7 " + original.toUpperCase(Locale.ROOT) + " !");
    }
    return new Setup(values);
  }

  private static Map<String, List<String>> headers(WebhookRequest request) {
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : request.headerNames()) {
      headers.put(name, request.headers(name));
    }
    return headers;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
