package dev.plugboard.runtime.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers: without it no request can be served. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  private static final int TIMEOUT_MILLIS = 2000;

  @Inject EntityManager entityManager;

  @Override
  public HealthCheckResponse call() {
    try {
      entityManager
          .createNativeQuery("select 1")
          .setHint("jakarta.persistence.query.timeout", TIMEOUT_MILLIS)
          .getSingleResult();
      return HealthCheckResponse.up("database");
    } catch (PersistenceException e) {
      // The exception's message may carry the JDBC URL; the probe only reports the kind.
      return HealthCheckResponse.named("database")
          .down()
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}
