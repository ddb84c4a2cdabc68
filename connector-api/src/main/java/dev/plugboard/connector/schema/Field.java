package dev.plugboard.connector.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One field of a connector's auth-field schema or of an action's input: plain, immutable data from
 * which the runtime renders forms, checks values and decides what to encrypt.
 *
 * <p>Instances are checked when built: a field that could never hold a valid value (a blank key, a
 * choice without choices, a default outside the choices or the pattern, a secret with a default) is
 * refused with an {@link IllegalArgumentException} naming the field and the reason. Field keys are
 * stored with every value and must never change once a connector is released.
 *
 * @param key stable identifier, {@code [A-Za-z][A-Za-z0-9_.-]*}, at most 64 characters
 * @param label what a person sees beside the input, never blank
 * @param help a sentence or two on what the value is and where to find it; may be empty
 * @param type how the value is read and checked
 * @param required whether a non-blank value must be given before the connection can be used
 * @param secret whether the value is write-only once stored (always {@code true} for {@link
 *     FieldType#SECRET})
 * @param defaultValue the value used when none is given; empty for secrets
 * @param choices the allowed values of a {@link FieldType#CHOICE} field, empty for other types
 * @param pattern a regular expression the whole value (each item of a list) must match
 * @param level who may set the value
 * @since 1
 */
public record Field(
    String key,
    String label,
    String help,
    FieldType type,
    boolean required,
    boolean secret,
    Optional<String> defaultValue,
    List<String> choices,
    Optional<String> pattern,
    FieldLevel level) {

  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  /**
   * Checks the field and copies its collections.
   *
   * @param key stable identifier, {@code [A-Za-z][A-Za-z0-9_.-]*}, at most 64 characters
   * @param label what a person sees beside the input, never blank
   * @param help a sentence or two on what the value is and where to find it; may be empty
   * @param type how the value is read and checked
   * @param required whether a non-blank value must be given before the connection can be used
   * @param secret whether the value is write-only once stored (always {@code true} for {@link
   *     FieldType#SECRET})
   * @param defaultValue the value used when none is given; empty for secrets
   * @param choices the allowed values of a {@link FieldType#CHOICE} field, empty for other types
   * @param pattern a regular expression the whole value (each item of a list) must match
   * @param level who may set the value
   */
  public Field {
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "field key '" + key + "' must match " + KEY.pattern() + " (letters, digits, _ . -)");
    }
    Objects.requireNonNull(type, "type of field '" + key + "'");
    Objects.requireNonNull(level, "level of field '" + key + "'");
    label = Objects.requireNonNull(label, "label of field '" + key + "'").strip();
    if (label.isEmpty()) {
      throw new IllegalArgumentException("field '" + key + "' has a blank label");
    }
    help = help == null ? "" : help.strip();
    defaultValue = Objects.requireNonNull(defaultValue, "defaultValue of field '" + key + "'");
    pattern = Objects.requireNonNull(pattern, "pattern of field '" + key + "'");
    choices = List.copyOf(Objects.requireNonNull(choices, "choices of field '" + key + "'"));
    if (type == FieldType.SECRET && !secret) {
      throw new IllegalArgumentException("field '" + key + "' is of type secret but not secret");
    }
    if (secret && defaultValue.isPresent()) {
      throw new IllegalArgumentException(
          "secret field '" + key + "' has a default: secrets are never part of a schema");
    }
    if (type == FieldType.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException("choice field '" + key + "' lists no choices");
    }
    if (type != FieldType.CHOICE && !choices.isEmpty()) {
      throw new IllegalArgumentException(
          "field '" + key + "' lists choices but is of type " + type.jsonName());
    }
    if (choices.stream().anyMatch(c -> c == null || c.isBlank())) {
      throw new IllegalArgumentException("choice field '" + key + "' has a blank choice");
    }
    if (choices.stream().distinct().count() != choices.size()) {
      throw new IllegalArgumentException("choice field '" + key + "' repeats a choice");
    }
    if (pattern.isPresent()) {
      try {
        Pattern.compile(pattern.get());
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "field '" + key + "' has an invalid pattern: " + e.getDescription(), e);
      }
    }
    if (defaultValue.isPresent()) {
      List<String> problems = FieldChecks.check(key, type, choices, pattern, defaultValue.get());
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "the default of field '" + key + "' is invalid: " + String.join("; ", problems));
      }
    }
  }

  /**
   * Starts a field of the given type; everything else is optional, with a field being optional, not
   * secret (unless of type secret), without default, choices or pattern, and settable by tenants
   * only.
   *
   * @param key the stable key
   * @param type the type
   * @return a new builder, not shared
   */
  public static Builder builder(String key, FieldType type) {
    return new Builder(key, type);
  }

  /**
   * Checks one value against this field's type, choices and pattern. It does not check {@link
   * #required()}: a blank value is the caller's to judge.
   *
   * @param value a non-blank value
   * @return the problems found, each a short sentence for a person; empty when the value is valid
   */
  public List<String> check(String value) {
    return FieldChecks.check(key, type, choices, pattern, value);
  }

  /**
   * Collects a field's values. Not thread-safe; each {@link #build()} returns a new, immutable
   * field.
   *
   * @since 1
   */
  public static final class Builder {
    private final String key;
    private final FieldType type;
    private String label;
    private String help = "";
    private boolean required;
    private boolean secret;
    private String defaultValue;
    private final List<String> choices = new ArrayList<>();
    private String pattern;
    private FieldLevel level = FieldLevel.TENANT;

    private Builder(String key, FieldType type) {
      this.key = key;
      this.type = type;
      this.label = key;
      this.secret = type == FieldType.SECRET;
    }

    /**
     * @param label what a person sees beside the input
     * @return this builder
     */
    public Builder label(String label) {
      this.label = label;
      return this;
    }

    /**
     * @param help what the value is and where to find it
     * @return this builder
     */
    public Builder help(String help) {
      this.help = help;
      return this;
    }

    /**
     * @param required whether a value must be given
     * @return this builder
     */
    public Builder required(boolean required) {
      this.required = required;
      return this;
    }

    /**
     * Marks a field of another type (e.g. a list) as write-only once stored.
     *
     * @param secret whether the value is a secret
     * @return this builder
     */
    public Builder secret(boolean secret) {
      this.secret = secret;
      return this;
    }

    /**
     * @param defaultValue the value used when none is given, or {@code null} for none
     * @return this builder
     */
    public Builder defaultValue(String defaultValue) {
      this.defaultValue = defaultValue;
      return this;
    }

    /**
     * @param choices the allowed values of a choice field, in display order
     * @return this builder
     */
    public Builder choices(String... choices) {
      this.choices.addAll(List.of(choices));
      return this;
    }

    /**
     * @param pattern a regular expression the whole value must match, or {@code null} for none
     * @return this builder
     */
    public Builder pattern(String pattern) {
      this.pattern = pattern;
      return this;
    }

    /**
     * @param level who may set the value
     * @return this builder
     */
    public Builder level(FieldLevel level) {
      this.level = level;
      return this;
    }

    /**
     * @return the field
     * @throws IllegalArgumentException if the field could never hold a valid value
     */
    public Field build() {
      return new Field(
          key,
          label,
          help,
          type,
          required,
          secret,
          Optional.ofNullable(defaultValue),
          choices,
          Optional.ofNullable(pattern),
          level);
    }
  }
}
