package dev.plugboard.runtime.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The database of the current test run, seen from outside the server: which one it is, and what its
 * files on disk contain (to prove that secrets never reach them in plain text).
 */
public final class TestDatabase {

  private TestDatabase() {}

  /**
   * @return whether this run uses PostgreSQL rather than the embedded H2 file
   */
  public static boolean isPostgres() {
    return "postgresql".equals(System.getProperty("plugboard.it.database"));
  }

  /**
   * @return a connection, as the PostgreSQL superuser, to the database the run's shared server uses
   *     (PostgreSQL runs only: on H2 the database is inside the server)
   * @throws SQLException when it cannot connect
   */
  public static Connection connect() throws SQLException {
    if (!isPostgres()) {
      throw new IllegalStateException("the H2 database belongs to the server process");
    }
    return DriverManager.getConnection(
        System.getProperty("plugboard.it.datasource.url"), "postgres", "postgres");
  }

  /**
   * Configuration for a server of its own: on H2 the default database URL under its data folder
   * (the settings a new user runs with), on PostgreSQL a new database.
   *
   * @param dataDir the server's data folder
   * @return MicroProfile Config values for the server
   */
  public static Map<String, String> freshSettings(Path dataDir) {
    if (!isPostgres()) {
      return Map.of("plugboard.data-dir", dataDir.toString());
    }
    String url = System.getProperty("plugboard.it.datasource.url");
    String database = "restart_" + Long.toHexString(System.nanoTime());
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a database", e);
    }
    return Map.of(
        "plugboard.data-dir", dataDir.toString(),
        "plugboard.datasource.url", url.replaceAll("/postgres$", "/" + database),
        "plugboard.datasource.class", System.getProperty("plugboard.it.datasource.class"),
        "plugboard.datasource.user", "postgres",
        "plugboard.datasource.password", "postgres");
  }

  static void deleteH2Files() {
    String dataDir = System.getProperty("plugboard.it.data-dir");
    if (dataDir == null) {
      return; // a unit-test run
    }
    try (Stream<Path> files = Files.list(Path.of(dataDir))) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".db")).toList()) {
        Files.delete(file);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // first run
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path postgresDataDirectory() {
    return Path.of(System.getProperty("plugboard.it.dir"), "postgresql", "pgdata");
  }

  /**
   * Waits until the database files hold {@code written} (a value just written in plain text, which
   * proves the write reached the disk) and then tells whether they also hold {@code secret}.
   *
   * @param dataDir the server's data folder (where the H2 file is)
   * @param written a non-secret value the server stored
   * @param secret a secret value the server stored
   * @return whether the secret's plain text is anywhere in the database files
   */
  public static boolean filesHoldSecret(Path dataDir, String written, String secret) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      checkpoint();
      List<Path> files = files(dataDir);
      if (files.stream().anyMatch(f -> contains(f, written))) {
        return files.stream().anyMatch(f -> contains(f, secret));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the database files never showed the value written: " + files);
      }
      sleep();
    }
  }

  private static List<Path> files(Path dataDir) {
    Path root = isPostgres() ? postgresDataDirectory() : dataDir;
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> isPostgres() || f.getFileName().toString().endsWith(".db"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PostgreSQL keeps recent writes in its WAL and shared buffers until a checkpoint. */
  private static void checkpoint() {
    if (!isPostgres()) {
      return;
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("checkpoint");
    } catch (SQLException e) {
      throw new IllegalStateException("checkpoint failed", e);
    }
  }

  private static boolean contains(Path file, String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    byte[] haystack;
    try {
      haystack = Files.readAllBytes(file);
    } catch (IOException e) {
      return false; // a file that vanished meanwhile (e.g. a rotated WAL segment)
    }
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
