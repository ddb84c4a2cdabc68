package dev.plugboard.runtime.webhook.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.runtime.catalog.control.ConnectorDefaults;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.catalog.entity.DefaultsReplaced;
import dev.plugboard.runtime.connection.control.ConnectionStore;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.event.control.EventStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Finds what a webhook URL stands for: a connection (by its webhook key) or a connector's shared
 * app, with the setup its deliveries are checked against. Opening a setup means reading its rows
 * and decrypting its secrets, too much for every delivery: setups are kept in memory, a
 * connection's for as long as its version stays the same, and no longer than {@link #FRESH_FOR} in
 * any case (operator defaults may change on another server instance).
 */
@ApplicationScoped
public class WebhookTargets {

  static final Duration FRESH_FOR = Duration.ofSeconds(30);
  private static final int MAX_KEPT = 10_000;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  @Inject ConnectionStore store;
  @Inject Connections connections;
  @Inject ConnectorRegistry registry;
  @Inject ConnectorDefaults defaults;

  private final Map<String, Kept> setups = new ConcurrentHashMap<>();

  /** What a webhook URL stands for. */
  public sealed interface Target {
    /**
     * @return the connector's webhook handling
     */
    WebhookHandler handler();

    /**
     * @return the setup deliveries are checked against, secrets opened
     */
    Setup setup();

    /**
     * @return for the log: never the webhook key, which is a credential
     */
    String describe();
  }

  /**
   * A connection's webhook URL.
   *
   * @param store where its events go
   * @param connector its connector
   * @param handler the connector's webhook handling
   * @param setup its effective setup, secrets opened
   */
  public record ConnectionTarget(
      EventStore.Target store, Connector connector, WebhookHandler handler, Setup setup)
      implements Target {
    @Override
    public String describe() {
      return "the webhook URL of connection " + store.connectionId();
    }
  }

  /**
   * A connector's shared-app webhook URL.
   *
   * @param connector the connector
   * @param handler its webhook handling
   * @param setup the operator's defaults, secrets opened
   */
  public record SharedTarget(Connector connector, WebhookHandler handler, Setup setup)
      implements Target {
    @Override
    public String describe() {
      return "the shared-app webhook URL of " + connector.descriptor().id();
    }
  }

  /** A setup as loaded, with what it was loaded for. */
  private record Kept(long version, Setup setup, long loadedAt) {
    boolean fresh(long version) {
      return this.version == version && System.nanoTime() - loadedAt < FRESH_FOR.toNanos();
    }
  }

  /**
   * @param webhookKey the key from the URL
   * @return the connection it belongs to, if it exists and its connector handles webhooks
   */
  public Optional<ConnectionTarget> connection(String webhookKey) {
    if (!KEY.matcher(webhookKey).matches()) {
      return Optional.empty();
    }
    Optional<Connection> found = store.findByWebhookKey(webhookKey);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Connection connection = found.get();
    Optional<Connector> connector = registry.find(connection.connectorId());
    Optional<WebhookHandler> handler = connector.flatMap(Connector::webhooks);
    if (handler.isEmpty()) {
      return Optional.empty();
    }
    String id = connection.id().value();
    Kept kept = setups.get(id);
    if (kept == null || !kept.fresh(connection.version())) {
      kept =
          keep(
              id,
              new Kept(
                  connection.version(),
                  connections.effectiveSetup(connection, connector.get()),
                  System.nanoTime()));
    }
    return Optional.of(
        new ConnectionTarget(
            new EventStore.Target(id, connection.tenant().value()),
            connector.get(),
            handler.get(),
            kept.setup()));
  }

  /**
   * @param connectorId the connector id from the URL
   * @return the connector's shared app, if the connector exists and handles webhooks
   */
  public Optional<SharedTarget> sharedApp(String connectorId) {
    Optional<Connector> connector = registry.find(connectorId);
    Optional<WebhookHandler> handler = connector.flatMap(Connector::webhooks);
    if (handler.isEmpty()) {
      return Optional.empty();
    }
    String key = "connector/" + connectorId;
    Kept kept = setups.get(key);
    if (kept == null || !kept.fresh(0)) {
      kept =
          keep(
              key, new Kept(0, defaults.fallback(connector.get().descriptor()), System.nanoTime()));
    }
    return Optional.of(new SharedTarget(connector.get(), handler.get(), kept.setup()));
  }

  /** Operator defaults are part of every effective setup of their connector. */
  void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) DefaultsReplaced replaced) {
    setups.clear();
  }

  private Kept keep(String key, Kept kept) {
    if (setups.size() >= MAX_KEPT) {
      setups.clear();
    }
    setups.put(key, kept);
    return kept;
  }
}
