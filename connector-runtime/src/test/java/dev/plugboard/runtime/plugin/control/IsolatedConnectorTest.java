package dev.plugboard.runtime.plugin.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.Capabilities;
import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way into a plugin's connector goes through its threads and class loader. */
class IsolatedConnectorTest {

  private final ClassLoader plugin = new URLClassLoader("plugin:probe", new URL[0], null);
  private final PluginCalls calls =
      new PluginCalls(
          "probe", new PluginLimits(Duration.ofSeconds(5), 2, 2), Executors.defaultThreadFactory());

  @AfterEach
  void stop() {
    calls.closeNow();
  }

  @Test
  void readsTheDescriptorOnceAndRunsEveryOtherCallInThePlugin() {
    Probe probe = new Probe();
    IsolatedConnector connector = IsolatedConnector.wrap("probe", probe, plugin, calls);
    assertThat(connector.descriptor()).isEqualTo(probe.descriptor());
    int descriptorCalls = probe.descriptorCalls.get();
    connector.descriptor();
    assertThat(probe.descriptorCalls.get()).isEqualTo(descriptorCalls);
    assertThat(connector.id()).isEqualTo("probe");
    assertThat(connector.pluginId()).isEqualTo("probe");
    assertThat(connector.source()).isEqualTo(Probe.class.getName());

    assertThat(connector.validate(Setup.empty()).valid()).isTrue();
    ConnectorSession session = connector.open(ConnectorContext.builder(probe.descriptor()).build());
    assertThat(session.test().message()).isEqualTo("plugin:probe");

    WebhookHandler webhooks = connector.webhooks().orElseThrow();
    assertThat(webhooks.handshake(Setup.empty(), WebhookRequest.get(Map.of())))
        .isEqualTo(new Handshake.Accepted("text/plain", "plugin:probe"));
    assertThat(webhooks.verify(Setup.empty(), WebhookRequest.post(Map.of(), new byte[0])).reason())
        .isEqualTo("plugin:probe");
    assertThat(webhooks.split(WebhookRequest.post(Map.of(), new byte[0])))
        .extracting(WebhookEvent::kind)
        .containsExactly("plugin:probe");
    assertThat(probe.callerThreads).allMatch(name -> name.startsWith("plugin-probe-"));
  }

  /** Answers with the name of the context class loader it runs with, and notes its thread. */
  public static final class Probe implements Connector {
    final AtomicInteger descriptorCalls = new AtomicInteger();
    final List<String> callerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public ConnectorDescriptor descriptor() {
      descriptorCalls.incrementAndGet();
      return ConnectorDescriptor.builder("probe", "Probe", "1")
          .capabilities(new Capabilities(true, true, List.of()))
          .build();
    }

    @Override
    public dev.plugboard.connector.schema.Validation validate(Setup setup) {
      callerThreads.add(Thread.currentThread().getName());
      return Connector.super.validate(setup);
    }

    @Override
    public Optional<WebhookHandler> webhooks() {
      return Optional.of(
          new WebhookHandler() {
            @Override
            public Handshake handshake(Setup setup, WebhookRequest request) {
              return new Handshake.Accepted("text/plain", context());
            }

            @Override
            public Verification verify(Setup setup, WebhookRequest request) {
              return Verification.refused(context());
            }

            @Override
            public List<WebhookEvent> split(WebhookRequest request) {
              return List.of(
                  new WebhookEvent("" + context(), "1", Optional.empty(), "{}", Optional.empty()));
            }
          });
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
      callerThreads.add(Thread.currentThread().getName());
      return new ConnectorSession() {
        @Override
        public TestResult test() {
          callerThreads.add(Thread.currentThread().getName());
          return TestResult.ok(context());
        }
      };
    }

    private String context() {
      callerThreads.add(Thread.currentThread().getName());
      return Thread.currentThread().getContextClassLoader().getName();
    }
  }
}
