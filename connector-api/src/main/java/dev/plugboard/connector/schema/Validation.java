package dev.plugboard.connector.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of validating a setup or an action's input: exactly one {@link FieldResult} per field
 * of the schema, in schema order, so a form can show each field's problems beside it.
 *
 * <p>Start from {@link #of(List, Setup)}, which applies the checks every schema implies (required,
 * type, choices, pattern), then add a connector's own checks with {@link #and(String, String)}.
 *
 * @param results one result per field, in schema order
 * @since 1
 */
public record Validation(List<FieldResult> results) {

  /**
   * Copies the results.
   *
   * @param results one result per field, in schema order
   */
  public Validation {
    results = List.copyOf(results);
  }

  /**
   * Applies the checks every schema implies: a required field has a non-blank value, and a given
   * value suits the field's type, choices and pattern. Keys of the setup that are not in the schema
   * are ignored.
   *
   * @param fields the schema
   * @param setup the values to check
   * @return one result per field
   */
  public static Validation of(List<Field> fields, Setup setup) {
    Objects.requireNonNull(setup, "setup");
    List<FieldResult> results = new ArrayList<>(fields.size());
    for (Field field : fields) {
      List<String> messages = new ArrayList<>();
      var value = setup.value(field.key());
      if (value.isEmpty()) {
        if (field.required()) {
          messages.add(field.label() + " is required");
        }
      } else {
        messages.addAll(field.check(value.get()));
      }
      results.add(new FieldResult(field.key(), messages));
    }
    return new Validation(results);
  }

  /**
   * This validation with one more problem on a field.
   *
   * @param key a field key of the schema
   * @param message a short sentence for a person, without the value
   * @return a new validation
   * @throws IllegalArgumentException if the key is not one of the validated fields
   */
  public Validation and(String key, String message) {
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    results.forEach(r -> byKey.put(r.key(), new ArrayList<>(r.messages())));
    List<String> messages = byKey.get(key);
    if (messages == null) {
      throw new IllegalArgumentException("no field '" + key + "' in this validation");
    }
    messages.add(Objects.requireNonNull(message, "message"));
    List<FieldResult> out = new ArrayList<>();
    byKey.forEach((k, m) -> out.add(new FieldResult(k, m)));
    return new Validation(out);
  }

  /**
   * Whether a field has no problem so far, so that a connector adds its own checks only where the
   * generic ones passed.
   *
   * @param key a field key
   * @return {@code true} when the field is validated and has no message
   */
  public boolean valid(String key) {
    return results.stream().anyMatch(r -> r.key().equals(key) && r.valid());
  }

  /**
   * @return {@code true} when every field is valid
   */
  public boolean valid() {
    return results.stream().allMatch(FieldResult::valid);
  }

  /**
   * The problems as a flat list, field by field, as the HTTP API reports them.
   *
   * @return one entry per message
   */
  public List<FieldError> errors() {
    List<FieldError> errors = new ArrayList<>();
    for (FieldResult r : results) {
      r.messages().forEach(m -> errors.add(new FieldError(r.key(), m)));
    }
    return List.copyOf(errors);
  }

  /**
   * One problem of one field.
   *
   * @param field the field key
   * @param message a short sentence for a person
   * @since 1
   */
  public record FieldError(String field, String message) {
    /**
     * Checks the arguments.
     *
     * @param field the field key
     * @param message a short sentence for a person
     */
    public FieldError {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(message, "message");
    }
  }

  static List<String> splitList(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
