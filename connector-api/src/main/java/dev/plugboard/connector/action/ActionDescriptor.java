package dev.plugboard.connector.action;

import dev.plugboard.connector.schema.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An operation a connection offers its tenant, e.g. {@code send-message}: its name, what it does
 * and the fields of its input, from which the runtime validates calls and renders forms.
 *
 * @param name stable identifier, lowercase words joined by dashes, part of the URL
 * @param label what people see
 * @param description what the action does
 * @param input the input fields, in display order; none is secret
 * @since 1
 */
public record ActionDescriptor(String name, String label, String description, List<Field> input) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

  /**
   * Checks the arguments and copies the input fields.
   *
   * @param name stable identifier, lowercase words joined by dashes, part of the URL
   * @param label what people see
   * @param description what the action does
   * @param input the input fields, in display order; none is secret
   */
  public ActionDescriptor {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "action name '" + name + "' must be lowercase words joined by dashes");
    }
    label = label == null || label.isBlank() ? name : label.strip();
    description = Objects.requireNonNullElse(description, "").strip();
    input = List.copyOf(input);
    Set<String> keys = new HashSet<>();
    for (Field f : input) {
      if (!keys.add(f.key())) {
        throw new IllegalArgumentException(
            "action '" + name + "' declares input '" + f.key() + "' twice");
      }
      if (f.secret()) {
        throw new IllegalArgumentException(
            "action '" + name + "' input '" + f.key() + "' is secret: inputs are not stored");
      }
    }
  }
}
