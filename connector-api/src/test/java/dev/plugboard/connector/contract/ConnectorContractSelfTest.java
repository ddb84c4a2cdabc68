package dev.plugboard.connector.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldResult;
import dev.plugboard.connector.schema.FieldType;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.testing.SampleConnector;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Proves the kit catches broken connectors: each broken connector below is run through the whole
 * kit and must fail exactly where it is broken. (The nested classes are not run by Surefire on
 * their own.)
 */
class ConnectorContractSelfTest {

  @Test
  void aWellBehavedConnectorPassesEveryCheck() {
    assertThat(failedChecks(SampleConnectorContractTest.class)).isEmpty();
  }

  @Test
  void catchesACredentialFieldThatIsNotSecret() {
    assertThat(failedChecks(LeakyFieldContract.class)).contains("credentialLookingFieldsAreSecret");
  }

  @Test
  void catchesADescriptorThatChangesBetweenCalls() {
    assertThat(failedChecks(UnstableDescriptorContract.class))
        .contains("descriptorIsStableAcrossInstancesAndCalls", "passesTheLoadersChecks");
  }

  @Test
  void catchesValidationThatSkipsFields() {
    assertThat(failedChecks(SloppyValidationContract.class))
        .contains("validationReportsOneResultPerFieldInSchemaOrder", "passesTheLoadersChecks");
  }

  @Test
  void catchesValidationThatEchoesSecrets() {
    assertThat(failedChecks(EchoingValidationContract.class))
        .contains("validationMessagesNeverEchoSecretValues");
  }

  @Test
  void catchesAWebhookHandlerThatTrustsEverything() {
    assertThat(failedChecks(GullibleWebhooksContract.class))
        .contains(
            "handshakeRefusesAWrongToken",
            "handshakeRefusesWhenTheSetupHasNoToken",
            "tamperedBodyIsRefused",
            "tamperedOrMissingSignatureIsRefused",
            "deliverySignedWithAnotherSecretIsRefused")
        .doesNotContain("signedDeliveryVerifiesAndSplitsIntoEventsWithStableIds");
  }

  @Test
  void catchesEventIdsThatAreNotStable() {
    // The anonymous subclass is, rightly, also reported as not registered as a service.
    assertThat(failedChecks(RandomEventIdsContract.class))
        .containsExactlyInAnyOrder(
            "signedDeliveryVerifiesAndSplitsIntoEventsWithStableIds", "isRegisteredAsAService");
  }

  @Test
  void catchesAConnectorMissingFromMetaInfServices() {
    assertThat(failedChecks(LeakyFieldContract.class)).contains("isRegisteredAsAService");
    assertThat(failedChecks(SampleConnectorContractTest.class))
        .doesNotContain("isRegisteredAsAService");
  }

  private static Set<String> failedChecks(Class<?> contractTest) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(contractTest))
        .execute()
        .testEvents()
        .finished()
        .stream()
        .filter(
            e ->
                e.getPayload(TestExecutionResult.class)
                    .map(r -> r.getStatus() == TestExecutionResult.Status.FAILED)
                    .orElse(false))
        .map(ConnectorContractSelfTest::methodName)
        .collect(Collectors.toSet());
  }

  private static String methodName(Event event) {
    return event
        .getTestDescriptor()
        .getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName())
        .orElse(event.getTestDescriptor().getDisplayName());
  }

  /** A base for broken variants of the sample connector. */
  abstract static class BrokenContract extends ConnectorContract {
    @Override
    protected Setup validSetup() {
      return new SampleConnectorContractTest().validSetup();
    }

    @Override
    protected Optional<WebhookSamples> webhookSamples() {
      return Optional.of(SampleConnectorContractTest.samples(SampleConnectorContractTest.SECRET));
    }
  }

  static class LeakyFieldContract extends BrokenContract {
    @Override
    protected Connector connector() {
      return new SampleConnector() {
        @Override
        public ConnectorDescriptor descriptor() {
          return ConnectorDescriptor.builder("leaky", "Leaky", "1")
              .authFields(
                  Field.builder("password", FieldType.TEXT)
                      .label("Password")
                      .help("Shown in clear.")
                      .build())
              .build();
        }

        @Override
        public Optional<WebhookHandler> webhooks() {
          return Optional.empty();
        }
      };
    }
  }

  static class UnstableDescriptorContract extends BrokenContract {
    private static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    protected Connector connector() {
      return new SampleConnector() {
        @Override
        public ConnectorDescriptor descriptor() {
          ConnectorDescriptor d = super.descriptor();
          return ConnectorDescriptor.builder(d.id(), d.name(), "1." + CALLS.incrementAndGet())
              .authFields(d.authFields().toArray(Field[]::new))
              .authorization(d.authorization())
              .settings(d.settings().toArray(dev.plugboard.connector.Setting[]::new))
              .capabilities(d.capabilities())
              .build();
        }
      };
    }
  }

  static class SloppyValidationContract extends BrokenContract {
    @Override
    protected Connector connector() {
      return new SampleConnector() {
        @Override
        public Validation validate(Setup setup) {
          return new Validation(List.of(new FieldResult("apiKey", List.of())));
        }
      };
    }
  }

  static class EchoingValidationContract extends BrokenContract {
    @Override
    protected Connector connector() {
      return new SampleConnector() {
        @Override
        public Validation validate(Setup setup) {
          Validation v = super.validate(setup);
          return setup.has("apiKey")
              ? v.and("apiKey", "'" + setup.require("apiKey") + "' is not a key")
              : v;
        }
      };
    }
  }

  static class GullibleWebhooksContract extends BrokenContract {
    @Override
    protected Connector connector() {
      WebhookHandler real = new SampleConnector().webhooks().orElseThrow();
      return new SampleConnector() {
        @Override
        public Optional<WebhookHandler> webhooks() {
          return Optional.of(
              new WebhookHandler() {
                @Override
                public Handshake handshake(Setup setup, WebhookRequest request) {
                  return new Handshake.Accepted(
                      "text/plain", request.queryParameter("challenge").orElse(""));
                }

                @Override
                public Verification verify(Setup setup, WebhookRequest request) {
                  return Verification.ok();
                }

                @Override
                public List<WebhookEvent> split(WebhookRequest request) {
                  return real.split(request);
                }
              });
        }
      };
    }
  }

  static class RandomEventIdsContract extends BrokenContract {
    private static final AtomicInteger IDS = new AtomicInteger();

    @Override
    protected Connector connector() {
      WebhookHandler real = new SampleConnector().webhooks().orElseThrow();
      return new SampleConnector() {
        @Override
        public Optional<WebhookHandler> webhooks() {
          return Optional.of(
              new WebhookHandler() {
                @Override
                public Handshake handshake(Setup setup, WebhookRequest request) {
                  return real.handshake(setup, request);
                }

                @Override
                public Verification verify(Setup setup, WebhookRequest request) {
                  return real.verify(setup, request);
                }

                @Override
                public List<WebhookEvent> split(WebhookRequest request) {
                  return real.split(request).stream()
                      .map(
                          e ->
                              new WebhookEvent(
                                  e.kind(),
                                  "id-" + IDS.incrementAndGet(),
                                  e.routingKey(),
                                  e.payload(),
                                  e.occurredAt()))
                      .toList();
                }
              });
        }
      };
    }
  }
}
