package dev.plugboard.runtime.connection.boundary;

import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of an install. A class with fields rather than a record: Payara's OpenAPI scanner fails
 * on constraints on a record's constructor parameters.
 */
public class Installation {

  /** The connector to install. */
  @NotBlank
  @Size(max = 64)
  public String connectorId;

  /** The connection's name. */
  @NotBlank
  @Size(max = 200)
  public String name;

  /** What it is for; optional. */
  @Size(max = 2000)
  public String description;

  /** Initial values; optional, the same shape as {@code PUT …/setup}. */
  public JsonObject setup;
}
