package dev.plugboard.runtime.problem;

import java.util.Objects;

/**
 * One problem with one input field, as listed in a validation problem's {@code errors}.
 *
 * @param field the field key or body property, e.g. {@code clientId}
 * @param message a short sentence for a person; never the value, which may be a secret
 */
public record FieldError(String field, String message) {

  /** Checks the arguments. */
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }
}
