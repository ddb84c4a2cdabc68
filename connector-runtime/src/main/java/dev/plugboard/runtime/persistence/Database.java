package dev.plugboard.runtime.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The platform's one database: the DataSource comes from MicroProfile Config ({@code
 * plugboard.datasource.*}, an embedded H2 file by default), and stores inject the container-managed
 * {@link EntityManager} produced here.
 */
@DataSourceDefinition(
    name = Database.DATA_SOURCE,
    className = "${MPCONFIG=plugboard.datasource.class}",
    url = "${MPCONFIG=plugboard.datasource.url}",
    user = "${MPCONFIG=plugboard.datasource.user}",
    password = "${MPCONFIG=plugboard.datasource.password}",
    initialPoolSize = 2,
    minPoolSize = 2,
    maxPoolSize = 16)
@ApplicationScoped
public class Database {

  /** The JNDI name persistence.xml refers to. */
  public static final String DATA_SOURCE = "java:app/jdbc/plugboard";

  @Produces @PersistenceContext EntityManager entityManager;
}
