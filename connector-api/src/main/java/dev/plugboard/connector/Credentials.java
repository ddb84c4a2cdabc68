package dev.plugboard.connector;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a connection holds once authorized: the tokens of the grant, the resources it reaches (each
 * with its own tokens) and when it expires. The runtime encrypts every secret before storing it and
 * hands the decrypted credentials back through {@link ConnectorContext#credentials()}.
 *
 * @param secrets tokens of the grant, e.g. {@code accessToken}; encrypted at rest, never shown
 * @param attributes non-secret facts about the grant, e.g. the granted scopes
 * @param resources the resources the grant reaches, each with a unique id
 * @param expiresAt when the grant's main token expires, if it does
 * @since 1
 */
public record Credentials(
    Map<String, String> secrets,
    Map<String, String> attributes,
    List<GrantedResource> resources,
    Optional<Instant> expiresAt) {

  /**
   * Checks the arguments and copies the collections.
   *
   * @param secrets tokens of the grant, e.g. {@code accessToken}; encrypted at rest, never shown
   * @param attributes non-secret facts about the grant, e.g. the granted scopes
   * @param resources the resources the grant reaches, each with a unique id
   * @param expiresAt when the grant's main token expires, if it does
   */
  public Credentials {
    secrets = Map.copyOf(secrets);
    attributes = Map.copyOf(attributes);
    resources = List.copyOf(resources);
    Objects.requireNonNull(expiresAt, "expiresAt");
    Set<String> ids = new HashSet<>();
    for (GrantedResource r : resources) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("resource '" + r.id() + "' appears twice");
      }
    }
  }

  /**
   * @param key a secret's key
   * @return the secret
   */
  public Optional<String> secret(String key) {
    return Optional.ofNullable(secrets.get(key));
  }

  /**
   * @param id a resource id
   * @return the resource with that id
   */
  public Optional<GrantedResource> resource(String id) {
    return resources.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** Shows secret keys only. */
  @Override
  public String toString() {
    return "Credentials[secrets="
        + secrets.keySet()
        + ", attributes="
        + attributes
        + ", resources="
        + resources
        + ", expiresAt="
        + expiresAt.map(Instant::toString).orElse("never")
        + "]";
  }
}
