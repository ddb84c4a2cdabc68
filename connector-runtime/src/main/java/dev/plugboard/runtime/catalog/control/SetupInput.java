package dev.plugboard.runtime.catalog.control;

import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldLevel;
import dev.plugboard.runtime.problem.FieldError;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A setup as a client sent it ({@code PUT …/setup}, {@code PUT …/defaults}), read against the
 * connector's schema for one party. The body replaces the party's values, except that a secret left
 * out, sent as {@code null} or as the {@code {"set": …}} the API shows it as, keeps its stored
 * value; {@code ""} clears it.
 *
 * @param changes what to do with each field the party may set, in schema order
 * @param errors problems with the body: unknown fields, fields of the other party, wrong types
 */
public record SetupInput(Map<String, Change> changes, List<FieldError> errors) {

  /** Longest value stored, in characters. */
  public static final int MAX_VALUE_LENGTH = 4000;

  /** Copies the collections. */
  public SetupInput {
    changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    errors = List.copyOf(errors);
  }

  /** Who is setting values. */
  public enum Party {
    OPERATOR,
    TENANT;

    boolean maySet(FieldLevel level) {
      return this == OPERATOR ? level.operatorMaySet() : level.tenantMaySet();
    }
  }

  /** What happens to one stored field. */
  public sealed interface Change {}

  /** The stored value stays. */
  public record Keep() implements Change {}

  /** The stored value is removed. */
  public record Clear() implements Change {}

  /**
   * The stored value becomes this.
   *
   * @param value never blank
   */
  public record Put(String value) implements Change {}

  /**
   * @param schema the connector's auth fields
   * @param party who sends the body
   * @param body the JSON object sent
   * @return the changes and the problems found
   */
  public static SetupInput read(List<Field> schema, Party party, JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    for (String key : body.keySet()) {
      Optional<Field> field = schema.stream().filter(f -> f.key().equals(key)).findFirst();
      if (field.isEmpty()) {
        errors.add(new FieldError(key, "is not a field of this connector"));
      } else if (!party.maySet(field.get().level())) {
        errors.add(
            new FieldError(
                key,
                party == Party.TENANT
                    ? "is set by the operator for all tenants"
                    : "is set by each tenant on its connections"));
      }
    }
    Map<String, Change> changes = new LinkedHashMap<>();
    for (Field field : schema) {
      if (party.maySet(field.level())) {
        change(field, body.get(field.key()), errors).ifPresent(c -> changes.put(field.key(), c));
      }
    }
    return new SetupInput(changes, errors);
  }

  private static Optional<Change> change(Field field, JsonValue sent, List<FieldError> errors) {
    if (sent == null || sent.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.of(field.secret() ? new Keep() : new Clear());
    }
    String text;
    switch (sent.getValueType()) {
      case STRING -> text = ((JsonString) sent).getString();
      case NUMBER, TRUE, FALSE -> text = sent.toString();
      case OBJECT -> {
        if (field.secret()) {
          return Optional.of(new Keep());
        }
        errors.add(new FieldError(field.key(), "must be a string"));
        return Optional.empty();
      }
      default -> {
        errors.add(new FieldError(field.key(), "must be a string"));
        return Optional.empty();
      }
    }
    if (text.length() > MAX_VALUE_LENGTH) {
      errors.add(
          new FieldError(field.key(), "must be at most " + MAX_VALUE_LENGTH + " characters"));
      return Optional.empty();
    }
    return Optional.of(text.isBlank() ? new Clear() : new Put(text));
  }

  /**
   * @param stored the party's stored values
   * @return the party's values once these changes are made
   */
  public Map<String, String> applyTo(Map<String, String> stored) {
    Map<String, String> result = new LinkedHashMap<>(stored);
    changes.forEach(
        (key, change) -> {
          if (change instanceof Put put) {
            result.put(key, put.value());
          } else if (change instanceof Clear) {
            result.remove(key);
          }
        });
    return result;
  }
}
