package dev.plugboard.connector;

import dev.plugboard.connector.schema.Setup;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the runtime hands a connector for one connection: that connection's effective setup and
 * credentials, the connector's resolved settings, an HTTP client and a clock. A connector reaches
 * nothing else: no other connection, no other tenant, no global configuration.
 *
 * <p>Implementations are immutable and may be shared between threads. Tests build one with {@link
 * #builder(ConnectorDescriptor)}, pointing base-URL settings at a local fake.
 *
 * @since 1
 */
public interface ConnectorContext {

  /**
   * @return the effective setup: tenant values over operator defaults over schema defaults, secrets
   *     decrypted; never {@code null}
   */
  Setup setup();

  /**
   * @return the connection's credentials once authorized; empty before
   */
  Optional<Credentials> credentials();

  /**
   * The resolved value of a setting the connector declared: the operator's configuration, else the
   * declared default.
   *
   * @param key a declared setting's key
   * @return the value, never blank
   * @throws IllegalArgumentException if the connector did not declare the setting
   */
  String setting(String key);

  /**
   * An HTTP client for calls to the provider, with the runtime's connect timeout. Use it (or build
   * clients whose base URLs come from {@link #setting(String)}) rather than global clients, so that
   * the runtime and tests control where calls go.
   *
   * @return a shared, thread-safe client
   */
  HttpClient httpClient();

  /**
   * @return how long one call to the provider may take before it is abandoned
   */
  Duration requestTimeout();

  /**
   * @return the clock to read the time from, so that tests control it
   */
  Clock clock();

  /**
   * Starts a context for the given connector, with an empty setup, no credentials, the declared
   * setting defaults, a new HTTP client with a 5 s connect timeout, a 10 s request timeout and the
   * system clock.
   *
   * @param descriptor the connector whose settings may be read
   * @return a new builder, not shared
   */
  static Builder builder(ConnectorDescriptor descriptor) {
    return new Builder(descriptor);
  }

  /**
   * Builds a plain context; used by the runtime and by connector tests. Not thread-safe.
   *
   * @since 1
   */
  final class Builder {
    private final ConnectorDescriptor descriptor;
    private Setup setup = Setup.empty();
    private Credentials credentials;
    private final java.util.HashMap<String, String> settings = new java.util.HashMap<>();
    private HttpClient httpClient;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();

    private Builder(ConnectorDescriptor descriptor) {
      this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    /**
     * @param setup the effective setup
     * @return this builder
     */
    public Builder setup(Setup setup) {
      this.setup = Objects.requireNonNull(setup, "setup");
      return this;
    }

    /**
     * @param credentials the stored credentials, or {@code null} for none
     * @return this builder
     */
    public Builder credentials(Credentials credentials) {
      this.credentials = credentials;
      return this;
    }

    /**
     * @param key a declared setting's key
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException if the setting is not declared or the value is blank
     */
    public Builder setting(String key, String value) {
      if (descriptor.setting(key).isEmpty()) {
        throw new IllegalArgumentException(
            "connector '" + descriptor.id() + "' declares no setting '" + key + "'");
      }
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("setting '" + key + "' is blank");
      }
      settings.put(key, value.strip());
      return this;
    }

    /**
     * @param httpClient the client for calls to the provider
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * @param requestTimeout how long one call may take
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @return an immutable context
     */
    public ConnectorContext build() {
      Map<String, String> resolved = new java.util.HashMap<>();
      descriptor.settings().forEach(s -> resolved.put(s.key(), s.defaultValue()));
      resolved.putAll(settings);
      HttpClient client =
          httpClient != null
              ? httpClient
              : HttpClient.newBuilder()
                  .connectTimeout(Duration.ofSeconds(5))
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
      return new Plain(
          descriptor.id(),
          setup,
          Optional.ofNullable(credentials),
          Map.copyOf(resolved),
          client,
          requestTimeout,
          clock);
    }
  }

  /** The context the builder makes. */
  record Plain(
      String connectorId,
      Setup setup,
      Optional<Credentials> credentials,
      Map<String, String> settings,
      HttpClient httpClient,
      Duration requestTimeout,
      Clock clock)
      implements ConnectorContext {

    @Override
    public String setting(String key) {
      String value = settings.get(key);
      if (value == null) {
        throw new IllegalArgumentException(
            "connector '" + connectorId + "' declares no setting '" + key + "'");
      }
      return value;
    }
  }
}
