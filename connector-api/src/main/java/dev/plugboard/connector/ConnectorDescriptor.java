package dev.plugboard.connector;

import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.schema.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the runtime needs to know about a connector type before any connection exists: its
 * identity, its auth-field schema, how it is authorized, its settings and its capabilities. Plain,
 * immutable data; the catalog ("marketplace") is rendered from it.
 *
 * <p>A descriptor is checked when built, so an invalid one cannot exist: the {@link #id()} must be
 * lowercase words joined by dashes, field keys unique, and the fields an {@link Authorization}
 * names must be in the schema. The id and the field keys are stored with every connection and must
 * never change once a connector is released.
 *
 * @param id stable identifier, e.g. {@code facebook-messenger}: {@code
 *     [a-z][a-z0-9]*(-[a-z0-9]+)*}, at most 64 characters
 * @param name the name people see, e.g. "Facebook Messenger"
 * @param version the connector's own version, e.g. {@code 1.0.0}
 * @param description one or two sentences for the marketplace card
 * @param icon the card's icon, if any
 * @param categories labels to group cards by, e.g. {@code messaging}
 * @param spiVersion the {@link Spi#VERSION} the connector was built against
 * @param configPrefix the configuration namespace of its {@link #settings()}: {@code
 *     plugboard.<configPrefix>.<key>}
 * @param authFields the auth-field schema, in display order
 * @param authorization how a connection obtains its credentials
 * @param settings deployment settings the connector reads through its context
 * @param capabilities webhooks, connection test and actions
 * @since 1
 */
public record ConnectorDescriptor(
    String id,
    String name,
    String version,
    String description,
    Optional<Icon> icon,
    List<String> categories,
    int spiVersion,
    String configPrefix,
    List<Field> authFields,
    Authorization authorization,
    List<Setting> settings,
    Capabilities capabilities) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

  /**
   * Checks the descriptor as a whole and copies its collections.
   *
   * @param id stable identifier, e.g. {@code facebook-messenger}: {@code
   *     [a-z][a-z0-9]*(-[a-z0-9]+)*}, at most 64 characters
   * @param name the name people see, e.g. "Facebook Messenger"
   * @param version the connector's own version, e.g. {@code 1.0.0}
   * @param description one or two sentences for the marketplace card
   * @param icon the card's icon, if any
   * @param categories labels to group cards by, e.g. {@code messaging}
   * @param spiVersion the {@link Spi#VERSION} the connector was built against
   * @param configPrefix the configuration namespace of its {@link #settings()}: {@code
   *     plugboard.<configPrefix>.<key>}
   * @param authFields the auth-field schema, in display order
   * @param authorization how a connection obtains its credentials
   * @param settings deployment settings the connector reads through its context
   * @param capabilities webhooks, connection test and actions
   */
  public ConnectorDescriptor {
    Objects.requireNonNull(id, "id");
    if (id.length() > 64 || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "connector id '"
              + id
              + "' must be lowercase letters and digits in words joined by single dashes, at most"
              + " 64 characters (e.g. facebook-messenger)");
    }
    name = requireText(name, "name", id);
    version = requireText(version, "version", id);
    description = Objects.requireNonNullElse(description, "").strip();
    Objects.requireNonNull(icon, "icon");
    categories = List.copyOf(categories);
    if (categories.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("connector '" + id + "' has a blank category");
    }
    configPrefix = configPrefix == null ? id : configPrefix;
    if (!ID.matcher(configPrefix).matches()) {
      throw new IllegalArgumentException(
          "connector '"
              + id
              + "' has config prefix '"
              + configPrefix
              + "' that is not a word list");
    }
    authFields = List.copyOf(authFields);
    Set<String> keys = new HashSet<>();
    for (Field f : authFields) {
      if (!keys.add(f.key())) {
        throw new IllegalArgumentException(
            "connector '" + id + "' declares auth field '" + f.key() + "' twice");
      }
    }
    Objects.requireNonNull(authorization, "authorization of connector '" + id + "'");
    for (String ref : authorization.fieldKeys()) {
      Field f =
          authFields.stream()
              .filter(x -> x.key().equals(ref))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "connector '"
                              + id
                              + "': authorization names field '"
                              + ref
                              + "' that is not in the auth-field schema"));
      if (authorization.secretFieldKeys().contains(ref) && !f.secret()) {
        throw new IllegalArgumentException(
            "connector '" + id + "': field '" + ref + "' holds a credential but is not secret");
      }
    }
    settings = List.copyOf(settings);
    Set<String> settingKeys = new HashSet<>();
    for (Setting s : settings) {
      if (!settingKeys.add(s.key())) {
        throw new IllegalArgumentException(
            "connector '" + id + "' declares setting '" + s.key() + "' twice");
      }
    }
    Objects.requireNonNull(capabilities, "capabilities of connector '" + id + "'");
  }

  private static String requireText(String value, String what, String id) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("connector '" + id + "' has a blank " + what);
    }
    return value.strip();
  }

  /**
   * Starts a descriptor. Defaults: no icon, no categories, {@link Spi#VERSION}, the config prefix
   * equal to the id, no fields, {@link Authorization#none()}, no settings, no capabilities.
   *
   * @param id the stable id
   * @param name the display name
   * @param version the connector's version
   * @return a new builder, not shared
   */
  public static Builder builder(String id, String name, String version) {
    return new Builder(id, name, version);
  }

  /**
   * @param key a field key
   * @return the auth field with that key
   */
  public Optional<Field> authField(String key) {
    return authFields.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /**
   * @return the keys of the secret auth fields, in schema order
   */
  public List<String> secretFieldKeys() {
    return authFields.stream().filter(Field::secret).map(Field::key).toList();
  }

  /**
   * @param key a setting key
   * @return the declared setting
   */
  public Optional<Setting> setting(String key) {
    return settings.stream().filter(s -> s.key().equals(key)).findFirst();
  }

  /**
   * The configuration key that overrides a setting.
   *
   * @param setting a declared setting
   * @return {@code plugboard.<configPrefix>.<key>}
   */
  public String configKey(Setting setting) {
    return "plugboard." + configPrefix + "." + setting.key();
  }

  /**
   * Collects a descriptor's parts. Not thread-safe; {@link #build()} returns an immutable
   * descriptor.
   *
   * @since 1
   */
  public static final class Builder {
    private final String id;
    private final String name;
    private final String version;
    private String description = "";
    private Icon icon;
    private final List<String> categories = new ArrayList<>();
    private int spiVersion = Spi.VERSION;
    private String configPrefix;
    private final List<Field> authFields = new ArrayList<>();
    private Authorization authorization = Authorization.none();
    private final List<Setting> settings = new ArrayList<>();
    private Capabilities capabilities = Capabilities.none();

    private Builder(String id, String name, String version) {
      this.id = id;
      this.name = name;
      this.version = version;
    }

    /**
     * @param description one or two sentences for the marketplace card
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * @param icon the card's icon
     * @return this builder
     */
    public Builder icon(Icon icon) {
      this.icon = icon;
      return this;
    }

    /**
     * @param categories labels to group cards by
     * @return this builder
     */
    public Builder categories(String... categories) {
      this.categories.addAll(List.of(categories));
      return this;
    }

    /**
     * Overrides the SPI version; only for tests of the loader's version check.
     *
     * @param spiVersion the SPI version to claim
     * @return this builder
     */
    public Builder spiVersion(int spiVersion) {
      this.spiVersion = spiVersion;
      return this;
    }

    /**
     * @param configPrefix the configuration namespace of the settings
     * @return this builder
     */
    public Builder configPrefix(String configPrefix) {
      this.configPrefix = configPrefix;
      return this;
    }

    /**
     * @param fields auth fields, appended in display order
     * @return this builder
     */
    public Builder authFields(Field... fields) {
      this.authFields.addAll(List.of(fields));
      return this;
    }

    /**
     * @param authorization how connections are authorized
     * @return this builder
     */
    public Builder authorization(Authorization authorization) {
      this.authorization = authorization;
      return this;
    }

    /**
     * @param settings deployment settings, appended
     * @return this builder
     */
    public Builder settings(Setting... settings) {
      this.settings.addAll(List.of(settings));
      return this;
    }

    /**
     * @param capabilities what the connector can do
     * @return this builder
     */
    public Builder capabilities(Capabilities capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    /**
     * @return the descriptor
     * @throws IllegalArgumentException naming the first problem if the parts do not fit together
     */
    public ConnectorDescriptor build() {
      return new ConnectorDescriptor(
          id,
          name,
          version,
          description,
          Optional.ofNullable(icon),
          categories,
          spiVersion,
          configPrefix,
          authFields,
          authorization,
          settings,
          capabilities);
    }
  }
}
