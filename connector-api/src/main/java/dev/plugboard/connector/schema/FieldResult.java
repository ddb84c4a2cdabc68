package dev.plugboard.connector.schema;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of validating one field: its key and the problems found, in the order found.
 *
 * @param key the field key
 * @param messages short sentences for a person, never containing the value; empty when valid
 * @since 1
 */
public record FieldResult(String key, List<String> messages) {

  /**
   * Copies the messages.
   *
   * @param key the field key
   * @param messages short sentences for a person, never containing the value; empty when valid
   */
  public FieldResult {
    Objects.requireNonNull(key, "key");
    messages = List.copyOf(messages);
  }

  /**
   * @return {@code true} when no problem was found
   */
  public boolean valid() {
    return messages.isEmpty();
  }
}
