package dev.plugboard.runtime.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives each test run a fresh database. For {@code plugboard.it.database=postgresql} (the second
 * failsafe execution) it starts a real PostgreSQL and points the servers the tests start at it; for
 * H2 it removes the previous run's files. It runs when the test session opens, before Arquillian
 * reads arquillian.xml, whose {@code ${plugboard.it.datasource.*}} placeholders it fills.
 */
public class TestRunDatabase implements LauncherSessionListener {

  private EmbeddedPostgres postgres;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!TestDatabase.isPostgres()) {
      TestDatabase.deleteH2Files();
      return;
    }
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(TestDatabase.postgresDataDirectory())
              .setCleanDataDirectory(true)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setOverrideWorkingDirectory(
                  Path.of(System.getProperty("plugboard.it.dir"), "postgresql-binaries").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start", e);
    }
    System.setProperty(
        "plugboard.it.datasource.url",
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
    System.setProperty("plugboard.it.datasource.class", "org.postgresql.ds.PGSimpleDataSource");
    System.setProperty("plugboard.it.datasource.user", "postgres");
    System.setProperty("plugboard.it.datasource.password", "postgres");
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException("PostgreSQL did not stop", e);
      }
    }
  }
}
