package dev.plugboard.runtime.plugin.boundary;

import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.loader.LoadFailure;
import dev.plugboard.runtime.plugin.control.InstalledPlugin;
import java.time.Instant;
import java.util.List;

/**
 * A plugin as the API shows it.
 *
 * @param id its id, the jar's file name without {@code .jar}
 * @param file the jar's file name in the plugins folder
 * @param connectors the connectors it runs
 * @param failures what was refused, each with the reason: a connector, or the whole file
 * @param loadedAt when the file was last loaded
 */
public record PluginView(
    String id,
    String file,
    List<ConnectorRef> connectors,
    List<FailureView> failures,
    Instant loadedAt) {

  /**
   * @param id the connector's id
   * @param name its display name
   * @param version its version
   */
  public record ConnectorRef(String id, String name, String version) {}

  /**
   * @param source the connector class, or the file when the whole plugin was refused
   * @param connectorId the id the connector claimed, when it got that far; else {@code null}
   * @param reason why it was refused
   */
  public record FailureView(String source, String connectorId, String reason) {}

  /**
   * @param plugin a plugin
   * @return how the API shows it
   */
  public static PluginView of(InstalledPlugin plugin) {
    return new PluginView(
        plugin.id(),
        plugin.file(),
        plugin.connectors().stream().map(c -> ref(c.descriptor())).toList(),
        plugin.failures().stream().map(PluginView::failure).toList(),
        plugin.loadedAt());
  }

  private static ConnectorRef ref(ConnectorDescriptor d) {
    return new ConnectorRef(d.id(), d.name(), d.version());
  }

  private static FailureView failure(LoadFailure f) {
    return new FailureView(f.source(), f.connectorId().orElse(null), f.reason());
  }
}
