package dev.plugboard.runtime.plugin.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.action.ActionResult;
import dev.plugboard.connector.auth.AuthorizationCallback;
import dev.plugboard.connector.auth.AuthorizationRequest;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A plugin's connector as the rest of the runtime sees it: every call goes through the plugin's
 * {@link PluginCalls}, so it runs on the plugin's own threads with the plugin's class loader as
 * context class loader, within the time limit, and its failures come back as {@link
 * dev.plugboard.connector.error.ConnectorException}s. The sessions and the webhook handler it hands
 * out are wrapped the same way.
 *
 * <p>The descriptor and the webhook handler are read once, at load: the SPI makes them fixed.
 */
public final class IsolatedConnector implements Connector {

  private final String pluginId;
  private final Connector delegate;
  private final ConnectorDescriptor descriptor;
  private final Optional<WebhookHandler> webhooks;
  private final ClassLoader classLoader;
  private final PluginCalls calls;

  private IsolatedConnector(
      String pluginId,
      Connector delegate,
      ConnectorDescriptor descriptor,
      Optional<WebhookHandler> webhooks,
      ClassLoader classLoader,
      PluginCalls calls) {
    this.pluginId = pluginId;
    this.delegate = delegate;
    this.descriptor = descriptor;
    this.classLoader = classLoader;
    this.calls = calls;
    this.webhooks = webhooks.map(Webhooks::new);
  }

  /**
   * Wraps a loaded connector. Reads its descriptor and webhook handler, so it runs on a plugin
   * thread with the plugin's context class loader, like every call into the plugin.
   */
  static IsolatedConnector wrap(
      String pluginId, Connector delegate, ClassLoader classLoader, PluginCalls calls) {
    return new IsolatedConnector(
        pluginId, delegate, delegate.descriptor(), delegate.webhooks(), classLoader, calls);
  }

  /**
   * @return the plugin the connector comes from
   */
  public String pluginId() {
    return pluginId;
  }

  /**
   * @return the connector's class, for messages
   */
  public String source() {
    return delegate.getClass().getName();
  }

  /**
   * @return the connector's id
   */
  public String id() {
    return descriptor.id();
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Validation validate(Setup setup) {
    return call("validate", () -> delegate.validate(setup));
  }

  @Override
  public Validation validateInput(String action, Setup input) {
    return call("validateInput", () -> delegate.validateInput(action, input));
  }

  @Override
  public Optional<WebhookHandler> webhooks() {
    return webhooks;
  }

  @Override
  public ConnectorSession open(ConnectorContext context) {
    return new Session(call("open", () -> delegate.open(context)));
  }

  private <T> T call(String what, Callable<T> work) {
    return calls.call(classLoader, descriptor.id(), what, work);
  }

  @Override
  public String toString() {
    return "IsolatedConnector[" + descriptor.id() + " from plugin " + pluginId + "]";
  }

  /** A session of the plugin's connector, each call isolated. */
  private final class Session implements ConnectorSession {
    private final ConnectorSession delegate;

    Session(ConnectorSession delegate) {
      this.delegate = delegate;
    }

    @Override
    public URI authorizationUrl(AuthorizationRequest request) {
      return call("authorizationUrl", () -> delegate.authorizationUrl(request));
    }

    @Override
    public Credentials exchange(AuthorizationCallback callback) {
      return call("exchange", () -> delegate.exchange(callback));
    }

    @Override
    public String onAuthorized() {
      return call("onAuthorized", delegate::onAuthorized);
    }

    @Override
    public TestResult test() {
      return call("test", delegate::test);
    }

    @Override
    public ActionResult invoke(String action, Setup input) {
      return call("invoke", () -> delegate.invoke(action, input));
    }
  }

  /** The plugin connector's webhook handler, each call isolated. */
  private final class Webhooks implements WebhookHandler {
    private final WebhookHandler delegate;

    Webhooks(WebhookHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public Handshake handshake(Setup setup, WebhookRequest request) {
      return call("handshake", () -> delegate.handshake(setup, request));
    }

    @Override
    public Verification verify(Setup setup, WebhookRequest request) {
      return call("verify", () -> delegate.verify(setup, request));
    }

    @Override
    public List<WebhookEvent> split(WebhookRequest request) {
      return call("split", () -> delegate.split(request));
    }

    @Override
    public Optional<WebhookRequest> sample(Setup setup, List<String> resourceIds, Instant now) {
      return call("sample", () -> delegate.sample(setup, resourceIds, now));
    }
  }
}
