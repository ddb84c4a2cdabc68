package dev.plugboard.runtime.security.boundary;

import dev.plugboard.runtime.problem.Problem;
import dev.plugboard.runtime.security.control.ApiKeys;
import dev.plugboard.runtime.security.entity.Caller;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;

/**
 * Every API request needs {@code Authorization: Bearer <api key>}, except those under {@link
 * #PUBLIC_PREFIX}. It runs before matching, so that without a valid key nothing of the API, not
 * even which paths exist, is revealed.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AuthenticationFilter implements ContainerRequestFilter {

  /**
   * The only paths (below {@code /api/v1/}) served without an API key: end-customer setup links,
   * whose token in the path is the credential. {@link AccessFilter} serves them only when they
   * reach a resource marked {@link Public}.
   */
  public static final String PUBLIC_PREFIX = "setup-links/";

  private static final String SCHEME = "Bearer ";

  @Inject ApiKeys apiKeys;

  @Override
  public void filter(ContainerRequestContext request) {
    if (isPublic(request.getUriInfo().getPath())) {
      return;
    }
    Optional<Caller> caller =
        bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION)).flatMap(apiKeys::authenticate);
    if (caller.isEmpty()) {
      request.abortWith(
          Problem.of(401, "Send a valid API key as Authorization: Bearer <key>.")
              .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plugboard\"")
              .toResponse());
      return;
    }
    request.setSecurityContext(
        new CallerContext(caller.get(), request.getSecurityContext().isSecure()));
  }

  static boolean isPublic(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    return relative.startsWith(PUBLIC_PREFIX);
  }

  private static Optional<String> bearer(String header) {
    if (header == null
        || header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    return Optional.of(header.substring(SCHEME.length()).strip());
  }
}
