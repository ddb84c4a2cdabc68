package dev.plugboard.runtime.cluster;

import java.io.Serializable;
import java.util.Objects;

/**
 * Something kept in memory has changed in the database: fired as a CDI event on every server
 * instance of the cluster (this one included) once the change has committed.
 *
 * @param kind what changed, e.g. {@link #CONNECTION}
 * @param id which one: a connection id, a connector id
 */
public record Invalidation(String kind, String id) implements Serializable {

  /** A connection's row changed or was deleted; the id is the connection id. */
  public static final String CONNECTION = "connection";

  /** A connector's operator defaults changed; the id is the connector id. */
  public static final String DEFAULTS = "defaults";

  /** Checks the arguments. */
  public Invalidation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  String encode() {
    return kind + ":" + id;
  }

  static Invalidation decode(String message) {
    int colon = message.indexOf(':');
    return new Invalidation(message.substring(0, colon), message.substring(colon + 1));
  }
}
