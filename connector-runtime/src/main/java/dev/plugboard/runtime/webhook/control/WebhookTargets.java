package dev.plugboard.runtime.webhook.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.runtime.catalog.control.ConnectorDefaults;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.catalog.entity.DefaultsReplaced;
import dev.plugboard.runtime.cluster.Invalidation;
import dev.plugboard.runtime.cluster.Invalidations;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Finds what a webhook URL stands for: a connection (by its webhook key) or a connector's shared
 * app, with the setup its deliveries are checked against. Reading a connection and opening its
 * setup (reading its rows, decrypting its secrets) is too much for every delivery: targets are kept
 * in memory, by webhook key.
 *
 * <p>A kept target is dropped as soon as its connection changes or is deleted, or its connector's
 * operator defaults change, on whichever server instance that happens ({@link Invalidations}); and
 * in any case after {@link #FRESH_FOR}, in case an announcement was missed. A delivery whose
 * signature does not match the kept setup is checked once more against the setup as the database
 * has it now ({@link #reload}), so a secret changed elsewhere a moment ago is honoured at once.
 */
@ApplicationScoped
public class WebhookTargets {

  static final Duration FRESH_FOR = Duration.ofSeconds(30);

  private static final String SHARED = "connector/";
  private static final int MAX_KEPT = 50_000;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  @Inject ConnectionStore store;
  @Inject Connections connections;
  @Inject ConnectorRegistry registry;
  @Inject ConnectorDefaults defaults;
  @Inject Invalidations invalidations;

  /** Connection targets by webhook key, and shared apps by "connector/" + connector id. */
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /**
   * Moves on with every invalidation: a target loaded while one happened is not kept, since it may
   * have been read before the change committed.
   */
  private final AtomicLong generation = new AtomicLong();

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
   * @param webhookKey the key of its URL
   */
  public record ConnectionTarget(
      EventStore.Target store,
      Connector connector,
      WebhookHandler handler,
      Setup setup,
      String webhookKey)
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

  /** A target as loaded, and when. */
  private record Kept(Target target, String connectionId, long loadedAt) {
    boolean fresh() {
      return System.nanoTime() - loadedAt < FRESH_FOR.toNanos();
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
    Kept k = kept.get(webhookKey);
    if (k != null && k.fresh()) {
      return Optional.of((ConnectionTarget) k.target());
    }
    return loadConnection(webhookKey);
  }

  /**
   * @param connectorId the connector id from the URL
   * @return the connector's shared app, if the connector exists and handles webhooks
   */
  public Optional<SharedTarget> sharedApp(String connectorId) {
    Kept k = kept.get(SHARED + connectorId);
    if (k != null && k.fresh()) {
      return Optional.of((SharedTarget) k.target());
    }
    return loadSharedApp(connectorId);
  }

  /**
   * The target again, as the database has it now, for a delivery or handshake the kept one refused:
   * its setup may have changed on another instance a moment ago, before the announcement arrived.
   * Requests refused at the same time read it once: a request whose target has been read again
   * meanwhile gets that one.
   *
   * @param target a target this returned
   * @return the target as it is now, if its setup differs; empty otherwise (also when it no longer
   *     exists)
   */
  public Optional<Target> reload(Target target) {
    String key =
        target instanceof ConnectionTarget c
            ? c.webhookKey()
            : SHARED + ((SharedTarget) target).connector().descriptor().id();
    Kept k = kept.get(key);
    Optional<? extends Target> now;
    if (k != null && k.target() != target) {
      now = Optional.of(k.target()); // read again since this request looked it up
    } else if (target instanceof ConnectionTarget c) {
      now = loadConnection(c.webhookKey());
    } else {
      now = loadSharedApp(((SharedTarget) target).connector().descriptor().id());
    }
    return now.filter(t -> !t.setup().equals(target.setup())).map(Target.class::cast);
  }

  private Optional<ConnectionTarget> loadConnection(String webhookKey) {
    long before = generation.get();
    Optional<Connection> found = store.findByWebhookKey(webhookKey);
    if (found.isEmpty()) {
      kept.remove(webhookKey);
      return Optional.empty();
    }
    Connection connection = found.get();
    Optional<Connector> connector = registry.find(connection.connectorId());
    Optional<WebhookHandler> handler = connector.flatMap(Connector::webhooks);
    if (handler.isEmpty()) {
      return Optional.empty();
    }
    String id = connection.id().value();
    ConnectionTarget target =
        new ConnectionTarget(
            new EventStore.Target(id, connection.tenant().value()),
            connector.get(),
            handler.get(),
            connections.effectiveSetup(connection, connector.get()),
            webhookKey);
    keep(webhookKey, new Kept(target, id, System.nanoTime()), before);
    return Optional.of(target);
  }

  private Optional<SharedTarget> loadSharedApp(String connectorId) {
    long before = generation.get();
    Optional<Connector> connector = registry.find(connectorId);
    Optional<WebhookHandler> handler = connector.flatMap(Connector::webhooks);
    if (handler.isEmpty()) {
      return Optional.empty();
    }
    SharedTarget target =
        new SharedTarget(
            connector.get(), handler.get(), defaults.fallback(connector.get().descriptor()));
    keep(SHARED + connectorId, new Kept(target, null, System.nanoTime()), before);
    return Optional.of(target);
  }

  /** A connection changed or went, or operator defaults changed, here or on another instance. */
  void forget(@Observes Invalidation change) {
    generation.incrementAndGet();
    switch (change.kind()) {
      case Invalidation.CONNECTION ->
          kept.values().removeIf(k -> change.id().equals(k.connectionId()));
      case Invalidation.DEFAULTS -> kept.clear(); // part of every effective setup of the connector
      default -> {}
    }
  }

  /** Operator defaults are part of every effective setup of their connector. */
  void forget(@Observes(during = TransactionPhase.AFTER_SUCCESS) DefaultsReplaced replaced) {
    invalidations.announce(new Invalidation(Invalidation.DEFAULTS, replaced.connectorId()));
  }

  private void keep(String key, Kept k, long generationBefore) {
    if (kept.size() >= MAX_KEPT) {
      // Rarely reached; dropping a tenth, whichever, costs a reload each.
      int drop = MAX_KEPT / 10;
      var it = kept.keySet().iterator();
      while (drop-- > 0 && it.hasNext()) {
        it.next();
        it.remove();
      }
    }
    kept.put(key, k);
    if (generation.get() != generationBefore) {
      kept.remove(key, k); // an invalidation came while it was read: it may be older than that
    }
  }
}
