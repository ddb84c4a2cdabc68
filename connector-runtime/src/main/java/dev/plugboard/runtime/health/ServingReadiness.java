package dev.plugboard.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the web module serves requests. Payara answers {@code /health/ready} from a
 * module of its own, which can say UP while the platform's web module is still starting (and Payara
 * answers its requests, webhook deliveries included, with a bare {@code 500}). The webhook servlet,
 * loaded at startup after the JAX-RS application, reports here when it is initialized, the last
 * step before the module takes requests.
 */
@Readiness
@Default // @Readiness is a qualifier: without @Default the servlet could not inject it plainly
@ApplicationScoped
public class ServingReadiness implements HealthCheck {

  private volatile boolean serving;

  /** Called by the last servlet the web module initializes. */
  public void serving() {
    serving = true;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("web").status(serving).build();
  }
}
