package dev.plugboard.runtime.tenant.boundary;

import dev.plugboard.runtime.tenant.entity.Tenant;
import java.time.Instant;

/**
 * A tenant as the API shows it.
 *
 * @param id the tenant's id
 * @param name its unique name
 * @param createdAt when it was created
 */
public record TenantView(String id, String name, Instant createdAt) {

  static TenantView of(Tenant tenant) {
    return new TenantView(tenant.id().value(), tenant.name(), tenant.createdAt());
  }
}
