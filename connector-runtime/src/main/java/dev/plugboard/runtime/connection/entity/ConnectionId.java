package dev.plugboard.runtime.connection.entity;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a connection: a random UUID in its canonical text form.
 *
 * @param value the canonical UUID text
 */
public record ConnectionId(String value) {

  /** Accepts only canonical UUID text. */
  public ConnectionId {
    Objects.requireNonNull(value, "value");
    if (!UUID.fromString(value).toString().equals(value)) {
      throw new IllegalArgumentException("not a connection id: " + value);
    }
  }

  public static ConnectionId random() {
    return new ConnectionId(UUID.randomUUID().toString());
  }

  /**
   * Parses a path parameter; JAX-RS answers 404 when this throws.
   *
   * @param value the text from the URL
   * @return the id
   */
  public static ConnectionId fromString(String value) {
    return new ConnectionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
