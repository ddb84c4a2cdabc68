package dev.plugboard.connector;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A deployment setting of a connector, the same for every tenant, that the operator may override
 * through configuration: typically the base URL of the provider's API and its version, which is
 * also how tests point a connector at a local fake.
 *
 * <p>The runtime reads it from the configuration key {@code plugboard.<configPrefix>.<key>} (see
 * {@link ConnectorDescriptor#configPrefix()}) and hands the resolved value to the connector through
 * {@link ConnectorContext#setting(String)}. A connector sees only the settings it declared, never
 * other configuration.
 *
 * @param key lowercase words joined by dashes, e.g. {@code graph-url}
 * @param defaultValue the value when the operator sets none; never blank
 * @param description what the setting is, for the operator
 * @since 1
 */
public record Setting(String key, String defaultValue, String description) {

  static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

  /**
   * Checks the arguments.
   *
   * @param key lowercase words joined by dashes, e.g. {@code graph-url}
   * @param defaultValue the value when the operator sets none; never blank
   * @param description what the setting is, for the operator
   */
  public Setting {
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "setting key '" + key + "' must be lowercase words joined by dashes");
    }
    Objects.requireNonNull(defaultValue, "default of setting '" + key + "'");
    if (defaultValue.isBlank()) {
      throw new IllegalArgumentException("setting '" + key + "' has a blank default");
    }
    description = description == null ? "" : description.strip();
  }
}
