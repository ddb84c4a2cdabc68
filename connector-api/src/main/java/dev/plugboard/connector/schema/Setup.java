package dev.plugboard.connector.schema;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The values of a connection's auth fields (or of an action's input), keyed by {@link Field#key()}:
 * immutable, thread-safe.
 *
 * <p>The runtime hands a connector the <em>effective</em> setup: the tenant's values over the
 * operator's defaults over the schema defaults, with secrets decrypted. A blank value counts as not
 * given. {@link #toString()} never shows values, so a setup may be logged.
 *
 * @param values the values by field key; keys and values are never {@code null}
 * @since 1
 */
public record Setup(Map<String, String> values) {

  private static final Setup EMPTY = new Setup(Map.of());

  /**
   * Copies the values.
   *
   * @param values the values by field key; keys and values are never {@code null}
   */
  public Setup {
    values = Map.copyOf(Objects.requireNonNull(values, "values"));
  }

  /**
   * @return a setup without values
   */
  public static Setup empty() {
    return EMPTY;
  }

  /**
   * @param keysAndValues alternating keys and values
   * @return a setup holding them
   */
  public static Setup of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new Setup(map);
  }

  /**
   * The value of a field, stripped of surrounding blanks.
   *
   * @param key a field key
   * @return the value, or empty when not given or blank
   */
  public Optional<String> value(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  /**
   * The value of a field that must be there, for connectors reading a setup the runtime has
   * validated.
   *
   * @param key a field key
   * @return the stripped value
   * @throws IllegalStateException if the value is missing or blank
   */
  public String require(String key) {
    return value(key).orElseThrow(() -> new IllegalStateException("setup has no value for " + key));
  }

  /**
   * The items of a {@link FieldType#LIST} value.
   *
   * @param key a field key
   * @return the non-blank items, stripped, in order; empty when not given
   */
  public List<String> list(String key) {
    return value(key).map(Validation::splitList).orElse(List.of());
  }

  /**
   * The value of a {@link FieldType#BOOLEAN} field.
   *
   * @param key a field key
   * @return {@code true} only when the value is {@code true}
   */
  public boolean flag(String key) {
    return value(key).map("true"::equals).orElse(false);
  }

  /**
   * Whether a non-blank value is given.
   *
   * @param key a field key
   * @return {@code true} when {@link #value(String)} is present
   */
  public boolean has(String key) {
    return value(key).isPresent();
  }

  /**
   * This setup with other values as fallbacks: a key blank or absent here takes the other's value.
   *
   * @param fallback the values beneath this one (e.g. the operator's defaults)
   * @return a new setup
   */
  public Setup over(Setup fallback) {
    Map<String, String> merged = new LinkedHashMap<>(fallback.values);
    values.forEach(
        (k, v) -> {
          if (!v.isBlank()) {
            merged.put(k, v);
          }
        });
    return new Setup(merged);
  }

  /**
   * This setup with one value replaced.
   *
   * @param key a field key
   * @param value the new value
   * @return a new setup
   */
  public Setup with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new Setup(copy);
  }

  /** Shows the keys only: values may be secrets. */
  @Override
  public String toString() {
    String[] keys = values.keySet().toArray(String[]::new);
    Arrays.sort(keys);
    return "Setup" + Arrays.toString(keys);
  }
}
