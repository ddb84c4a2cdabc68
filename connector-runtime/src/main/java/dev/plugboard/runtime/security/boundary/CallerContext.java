package dev.plugboard.runtime.security.boundary;

import dev.plugboard.runtime.security.entity.Caller;
import jakarta.ws.rs.core.SecurityContext;

/** Carries the authenticated {@link Caller} through JAX-RS' standard security context. */
record CallerContext(Caller caller, boolean secure) implements SecurityContext {

  static final String OPERATOR = "operator";
  static final String TENANT = "tenant";

  @Override
  public Caller getUserPrincipal() {
    return caller;
  }

  @Override
  public boolean isUserInRole(String role) {
    return caller.isOperator() ? OPERATOR.equals(role) : TENANT.equals(role);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return "Bearer";
  }
}
