package dev.plugboard.runtime.security.entity;

import dev.plugboard.runtime.tenant.entity.TenantId;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent the request: the operator or one tenant, and through which key (for the audit).
 *
 * @param tenant the tenant whose key was used; empty for the operator
 * @param keyId the id of the key used; {@code configured} for the operator key from configuration
 */
public record Caller(Optional<TenantId> tenant, String keyId) implements Principal {

  /** Checks the arguments. */
  public Caller {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(keyId, "keyId");
  }

  public static Caller operator(String keyId) {
    return new Caller(Optional.empty(), keyId);
  }

  public static Caller tenant(TenantId tenant, String keyId) {
    return new Caller(Optional.of(tenant), keyId);
  }

  public boolean isOperator() {
    return tenant.isEmpty();
  }

  /** How the audit names the caller, e.g. {@code operator (key 1a2b)}. */
  @Override
  public String getName() {
    return tenant.map(t -> "tenant " + t).orElse("operator") + " (key " + keyId + ")";
  }
}
