package dev.plugboard.runtime.tenant.entity;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a tenant: a random UUID in its canonical text form.
 *
 * @param value the canonical UUID text
 */
public record TenantId(String value) {

  /** Accepts only canonical UUID text, so that ids from URLs can be trusted as such. */
  public TenantId {
    Objects.requireNonNull(value, "value");
    if (!UUID.fromString(value).toString().equals(value)) {
      throw new IllegalArgumentException("not a tenant id: " + value);
    }
  }

  /**
   * @return a new random id
   */
  public static TenantId random() {
    return new TenantId(UUID.randomUUID().toString());
  }

  /**
   * Parses a path parameter; JAX-RS answers 404 when this throws.
   *
   * @param value the text from the URL
   * @return the id
   */
  public static TenantId fromString(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
