package dev.plugboard.runtime.json;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code Json.createObjectBuilder()} and its siblings look it
 * up anew on every call, which in the server means searching the class path for a service file:
 * measured as most of the time spent listing events.
 */
public final class Jsonp {

  /** Use instead of {@link jakarta.json.Json}'s static methods. */
  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsonp() {}
}
