package dev.plugboard.connector.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output of an action, returned to the caller as a JSON object. Values are JSON-like: {@link
 * String}, {@link Number}, {@link Boolean}, {@link List} or {@link Map} of those; never secrets.
 *
 * @param output the fields of the JSON object, in order
 * @since 1
 */
public record ActionResult(Map<String, Object> output) {

  /**
   * Checks the values and copies the map, keeping its order.
   *
   * @param output the fields of the JSON object, in order
   */
  public ActionResult {
    Objects.requireNonNull(output, "output");
    output.forEach(ActionResult::checkValue);
    output = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(output));
  }

  /**
   * @param keysAndValues alternating keys and values
   * @return a result holding them, in order
   */
  public static ActionResult of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new ActionResult(map);
  }

  private static void checkValue(Object key, Object value) {
    Objects.requireNonNull(key, "key");
    if (value instanceof List<?> list) {
      list.forEach(v -> checkValue("item of " + key, v));
    } else if (value instanceof Map<?, ?> map) {
      map.forEach(ActionResult::checkValue);
    } else if (value != null
        && !(value instanceof String)
        && !(value instanceof Number)
        && !(value instanceof Boolean)) {
      throw new IllegalArgumentException(
          "output '" + key + "' is a " + value.getClass().getName() + ", not a JSON value");
    }
  }
}
