package dev.plugboard.connector.schema;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The value checks every field type implies, shared by {@link Field} and {@link Validation}. */
final class FieldChecks {

  private FieldChecks() {}

  static List<String> check(
      String key, FieldType type, List<String> choices, Optional<String> pattern, String value) {
    List<String> problems = new ArrayList<>();
    switch (type) {
      case BOOLEAN -> {
        if (!value.equals("true") && !value.equals("false")) {
          problems.add("must be true or false");
        }
      }
      case CHOICE -> {
        if (!choices.contains(value)) {
          problems.add("must be one of " + String.join(", ", choices));
        }
      }
      case URL -> {
        if (!isHttpUrl(value)) {
          problems.add("must be an absolute http or https URL");
        }
      }
      case LIST -> {
        for (String item : value.split(",", -1)) {
          if (item.isBlank()) {
            problems.add("has an empty item: separate values with single commas");
            break;
          }
        }
      }
      case TEXT, SECRET -> {
        if (value.chars().anyMatch(c -> c == '\n' || c == '\r')) {
          problems.add("must be on one line");
        }
      }
    }
    if (pattern.isPresent() && problems.isEmpty()) {
      Pattern compiled = Pattern.compile(pattern.get());
      List<String> items =
          type == FieldType.LIST ? Validation.splitList(value) : List.of(value.strip());
      for (int i = 0; i < items.size(); i++) {
        if (!compiled.matcher(items.get(i)).matches()) {
          // The value itself is never echoed: the field may be a secret.
          problems.add(
              type == FieldType.LIST
                  ? "item " + (i + 1) + " does not have the expected form"
                  : "does not have the expected form");
          break;
        }
      }
    }
    return problems;
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = new URI(value.strip());
      return uri.isAbsolute()
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
