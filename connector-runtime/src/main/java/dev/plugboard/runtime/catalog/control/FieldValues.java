package dev.plugboard.runtime.catalog.control;

import dev.plugboard.connector.schema.Field;
import dev.plugboard.runtime.catalog.entity.FieldValue;
import dev.plugboard.runtime.secret.control.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads and writes stored auth-field values, sealing the secret ones: the only place where a secret
 * value turns into ciphertext and back.
 */
@ApplicationScoped
public class FieldValues {

  @Inject SecretBox secrets;
  @Inject EntityManager entityManager;

  /**
   * @param rows stored values
   * @return the values by field key, secrets opened
   */
  public Map<String, String> open(List<? extends FieldValue> rows) {
    Map<String, String> values = new LinkedHashMap<>();
    for (FieldValue row : rows) {
      row.plainValue()
          .or(() -> row.sealed().map(s -> secrets.open(s, row.owner())))
          .ifPresent(v -> values.put(row.fieldKey(), v));
    }
    return values;
  }

  /**
   * Makes the changes of an input to a party's rows: new rows are persisted, cleared ones removed,
   * kept ones left untouched (their ciphertext is not even rewritten).
   *
   * @param input the changes
   * @param schema the connector's fields
   * @param rows the party's stored rows
   * @param create makes a row for a field key
   * @param <R> the row type
   * @return the keys of the fields that changed
   */
  public <R extends FieldValue> List<String> apply(
      SetupInput input, List<Field> schema, List<R> rows, Function<String, R> create) {
    Map<String, R> byKey = new LinkedHashMap<>();
    rows.forEach(r -> byKey.put(r.fieldKey(), r));
    List<String> changed = new java.util.ArrayList<>();
    for (Field field : schema) {
      SetupInput.Change change = input.changes().get(field.key());
      R row = byKey.get(field.key());
      if (change instanceof SetupInput.Put put) {
        if (row == null) {
          row = create.apply(field.key());
          entityManager.persist(row);
        }
        if (field.secret()) {
          row.storeSealed(secrets.seal(put.value(), row.owner()));
        } else {
          row.storePlain(put.value());
        }
        changed.add(field.key());
      } else if (change instanceof SetupInput.Clear && row != null) {
        entityManager.remove(row);
        changed.add(field.key());
      }
    }
    return List.copyOf(changed);
  }
}
