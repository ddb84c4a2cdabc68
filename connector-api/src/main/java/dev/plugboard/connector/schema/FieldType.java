package dev.plugboard.connector.schema;

import java.util.Locale;

/**
 * The kind of value a {@link Field} holds. It decides how the value is checked, how a form renders
 * it and, for {@link #SECRET}, that it is write-only once stored.
 *
 * <p>Values are always carried as strings; the type says how to read them.
 *
 * @since 1
 */
public enum FieldType {
  /** Free text on one line. */
  TEXT,
  /** A credential: encrypted at rest, never shown again after it is stored. Implies secret. */
  SECRET,
  /** Several values separated by commas; blanks around each item are ignored. */
  LIST,
  /** An absolute {@code http} or {@code https} URL. */
  URL,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** One of the field's {@link Field#choices() choices}. */
  CHOICE;

  /**
   * The name used in JSON and forms, e.g. {@code "secret"}.
   *
   * @return the lowercase name, never {@code null}
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
