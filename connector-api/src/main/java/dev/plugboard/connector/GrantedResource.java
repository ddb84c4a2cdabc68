package dev.plugboard.connector;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something an authorization grants access to, with its own credentials: for Messenger, a Facebook
 * Page with its Page access token. Webhook events are routed to a connection by the {@link #id()}
 * of its resources (the event's routing key).
 *
 * @param id the provider's id, e.g. a Page id; unique within one {@link Credentials}
 * @param name the name people know it by
 * @param secrets tokens for this resource; encrypted at rest by the runtime, never shown
 * @param attributes non-secret facts, e.g. a category; may be shown
 * @since 1
 */
public record GrantedResource(
    String id, String name, Map<String, String> secrets, Map<String, String> attributes) {

  /**
   * Checks the arguments and copies the maps.
   *
   * @param id the provider's id, e.g. a Page id; unique within one {@link Credentials}
   * @param name the name people know it by
   * @param secrets tokens for this resource; encrypted at rest by the runtime, never shown
   * @param attributes non-secret facts, e.g. a category; may be shown
   */
  public GrantedResource {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("resource id is blank");
    }
    name = Objects.requireNonNullElse(name, id);
    secrets = Map.copyOf(secrets);
    attributes = Map.copyOf(attributes);
  }

  /**
   * @param key a secret's key, e.g. {@code accessToken}
   * @return the secret
   */
  public Optional<String> secret(String key) {
    return Optional.ofNullable(secrets.get(key));
  }

  /** Shows secret keys only. */
  @Override
  public String toString() {
    return "GrantedResource[id="
        + id
        + ", name="
        + name
        + ", secrets="
        + secrets.keySet()
        + ", attributes="
        + attributes
        + "]";
  }
}
