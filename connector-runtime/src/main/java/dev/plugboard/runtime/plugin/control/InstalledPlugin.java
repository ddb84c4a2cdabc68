package dev.plugboard.runtime.plugin.control;

import dev.plugboard.connector.loader.LoadFailure;
import dev.plugboard.connector.loader.PluginJar;
import dev.plugboard.runtime.plugin.control.PluginFolder.Fingerprint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A plugin file as the platform last loaded it: the connectors it runs and those it refused, or,
 * for a file that could not be used at all, only the reason.
 *
 * @param id the plugin's id, the file name without {@code .jar}
 * @param file the file name in the plugins folder
 * @param fingerprint what the file looked like when loaded, to notice a change; empty for an upload
 *     not yet moved into place
 * @param loadedAt when it was loaded
 * @param connectors the connectors it runs, in the order its jar lists them
 * @param failures what was refused, each with the reason
 * @param runtime its class loader and threads, while it runs connectors
 */
public record InstalledPlugin(
    String id,
    String file,
    Optional<Fingerprint> fingerprint,
    Instant loadedAt,
    List<IsolatedConnector> connectors,
    List<LoadFailure> failures,
    Optional<Runtime> runtime) {

  /**
   * Copies the lists.
   *
   * @param id the plugin's id
   * @param file the file name
   * @param fingerprint the file when loaded
   * @param loadedAt when
   * @param connectors the connectors it runs
   * @param failures what was refused
   * @param runtime its class loader and threads
   */
  public InstalledPlugin {
    connectors = List.copyOf(connectors);
    failures = List.copyOf(failures);
  }

  /**
   * What a running plugin holds.
   *
   * @param jar its class loader and copied jars
   * @param calls its threads
   */
  record Runtime(PluginJar jar, PluginCalls calls) {}

  /**
   * @return the ids of the connectors it runs
   */
  public List<String> connectorIds() {
    return connectors.stream().map(IsolatedConnector::id).toList();
  }

  InstalledPlugin at(Fingerprint placed) {
    return new InstalledPlugin(
        id, file, Optional.of(placed), loadedAt, connectors, failures, runtime);
  }
}
