package dev.plugboard.runtime.security.boundary;

import dev.plugboard.runtime.security.entity.Caller;
import jakarta.ws.rs.core.SecurityContext;

/** Reads the caller that {@link AuthenticationFilter} put in the request's security context. */
public final class Callers {

  private Callers() {}

  /**
   * @param context the request's {@code @Context SecurityContext}
   * @return the authenticated caller
   */
  public static Caller of(SecurityContext context) {
    return (Caller) context.getUserPrincipal();
  }
}
