package dev.plugboard.runtime.catalog.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.Setting;
import dev.plugboard.connector.loader.ConnectorLoader;
import dev.plugboard.connector.loader.LoadResult;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.runtime.plugin.control.Plugins;
import dev.plugboard.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The connectors this runtime runs, and the contexts they are handed for a connection: those built
 * into the WAR, found through the SPI at startup (the loader logs each one it refuses and keeps the
 * others), then those of the {@link Plugins}, which may come and go while the platform runs. A
 * built-in connector's id cannot be taken by a plugin.
 */
@ApplicationScoped
public class ConnectorRegistry {

  private static final Logger LOG = Logger.getLogger(ConnectorRegistry.class.getName());

  @Inject Config config;
  @Inject Plugins plugins;

  private volatile LoadResult loaded;

  /** One client for all provider calls: its connection pool is shared, redirects never followed. */
  private final HttpClient httpClient =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  void load(@Observes Startup startup) {
    builtIn();
  }

  /** The connectors of the WAR, loaded on first use: plugins loading at startup need their ids. */
  private LoadResult builtIn() {
    LoadResult result = loaded;
    if (result != null) {
      return result;
    }
    synchronized (this) {
      if (loaded == null) {
        LoadResult found = ConnectorLoader.load(ConnectorRegistry.class.getClassLoader());
        found
            .connectors()
            .forEach(
                c ->
                    LOG.info(
                        "Loaded connector '"
                            + c.descriptor().id()
                            + "' "
                            + c.descriptor().version()));
        if (!found.failures().isEmpty()) {
          LOG.warning(found.failures().size() + " connector(s) refused, see the lines above");
        }
        loaded = found;
      }
      return loaded;
    }
  }

  /**
   * @return the loaded connectors: the built-in ones in discovery order, then the plugins'
   */
  public List<Connector> all() {
    List<Connector> all = new ArrayList<>(builtIn().connectors());
    all.addAll(plugins.connectors());
    return List.copyOf(all);
  }

  public Optional<Connector> find(String id) {
    Optional<Connector> builtIn = builtIn().connector(id);
    return builtIn.isPresent() ? builtIn : plugins.connector(id);
  }

  /**
   * @return the ids of the connectors built into the WAR
   */
  public Set<String> builtInIds() {
    return builtIn().connectors().stream()
        .map(c -> c.descriptor().id())
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * @param id a connector id
   * @return the connector
   * @throws ProblemException 404 when none has that id
   */
  public Connector require(String id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("connector", id));
  }

  /**
   * The context a connector gets for one connection: its setup and credentials, and the connector's
   * settings resolved from {@code plugboard.<configPrefix>.<key>}, else their defaults.
   *
   * @param connector the connector
   * @param effective the connection's effective setup, secrets opened
   * @param credentials the connection's credentials, if authorized
   * @return the context
   */
  public ConnectorContext context(
      Connector connector, Setup effective, Optional<Credentials> credentials) {
    ConnectorDescriptor descriptor = connector.descriptor();
    ConnectorContext.Builder context =
        ConnectorContext.builder(descriptor)
            .setup(effective)
            .credentials(credentials.orElse(null))
            .httpClient(httpClient);
    for (Setting setting : descriptor.settings()) {
      config
          .getOptionalValue(descriptor.configKey(setting), String.class)
          .filter(v -> !v.isBlank())
          .ifPresent(v -> context.setting(setting.key(), v));
    }
    return context.build();
  }
}
