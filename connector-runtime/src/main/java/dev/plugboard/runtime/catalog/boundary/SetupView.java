package dev.plugboard.runtime.catalog.boundary;

import dev.plugboard.connector.schema.Field;
import dev.plugboard.runtime.catalog.entity.FieldValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Shows stored auth-field values the way the API shows them: plain values as strings (or {@code
 * null}), secrets as {@link SecretState} only. Works from the rows, so secrets are never even
 * decrypted to be shown.
 */
public final class SetupView {

  private SetupView() {}

  /**
   * @param schema the connector's fields
   * @param shown which fields to show
   * @param rows the stored rows
   * @return field key to value or {@link SecretState}, in schema order
   */
  public static Map<String, Object> of(
      List<Field> schema, Predicate<Field> shown, List<? extends FieldValue> rows) {
    Map<String, Object> view = new LinkedHashMap<>();
    for (Field field : schema) {
      if (shown.test(field)) {
        Optional<? extends FieldValue> row =
            rows.stream().filter(r -> r.fieldKey().equals(field.key())).findFirst();
        view.put(
            field.key(),
            field.secret()
                ? new SecretState(row.isPresent())
                : row.flatMap(FieldValue::plainValue).orElse(null));
      }
    }
    return view;
  }
}
