package dev.plugboard.connector.loader;

import dev.plugboard.connector.Connector;
import java.util.List;
import java.util.Optional;

/**
 * What a load found: the connectors accepted, in discovery order, and those refused.
 *
 * @param connectors the accepted connectors, with unique ids
 * @param failures the refused ones, each with its reason
 * @since 1
 */
public record LoadResult(List<Connector> connectors, List<LoadFailure> failures) {

  /**
   * Copies the lists.
   *
   * @param connectors the accepted connectors, with unique ids
   * @param failures the refused ones, each with its reason
   */
  public LoadResult {
    connectors = List.copyOf(connectors);
    failures = List.copyOf(failures);
  }

  /**
   * @param id a connector id
   * @return the accepted connector with that id
   */
  public Optional<Connector> connector(String id) {
    return connectors.stream().filter(c -> c.descriptor().id().equals(id)).findFirst();
  }
}
