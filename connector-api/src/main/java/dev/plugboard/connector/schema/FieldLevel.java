package dev.plugboard.connector.schema;

import java.util.Locale;

/**
 * Who may give a field its value.
 *
 * <p>The operator (the platform owner) may set defaults for every tenant; each tenant may set
 * values for its own connections. Where both may, a tenant's value overrides the operator's
 * default, and a required value that neither gave is asked for at the tenant.
 *
 * @since 1
 */
public enum FieldLevel {
  /** Only the operator sets it, once for all tenants (for example a shared app's secret). */
  OPERATOR,
  /** Only each tenant sets it, per connection. */
  TENANT,
  /** The operator may set a default that each tenant may override. */
  BOTH;

  /**
   * Whether the operator may set a default for the field.
   *
   * @return {@code true} for {@link #OPERATOR} and {@link #BOTH}
   */
  public boolean operatorMaySet() {
    return this != TENANT;
  }

  /**
   * Whether a tenant may set the field on its connection.
   *
   * @return {@code true} for {@link #TENANT} and {@link #BOTH}
   */
  public boolean tenantMaySet() {
    return this != OPERATOR;
  }

  /**
   * The name used in JSON, e.g. {@code "both"}.
   *
   * @return the lowercase name, never {@code null}
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
