package dev.plugboard.runtime.tenant.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /tenants}. A class with fields rather than a record: Payara's OpenAPI
 * scanner fails on constraints on a record's constructor parameters.
 */
public class NewTenant {

  /** The tenant's name, unique. */
  @NotBlank
  @Size(max = 200)
  public String name;
}
