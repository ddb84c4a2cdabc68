package dev.plugboard.runtime.plugin.control;

import dev.plugboard.runtime.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The plugins folder, {@code plugboard.plugins.dir}: the one place that says which plugins are
 * installed, so that a restart loads the same ones. Every {@code *.jar} directly in it is a plugin
 * whose id is the file name without {@code .jar}; other files, and names starting with a dot (such
 * as uploads being written), are ignored. Uploads are written beside the jars and moved into place
 * in one step, so the folder never shows half a jar.
 */
@ApplicationScoped
public class PluginFolder {

  private static final String JAR = ".jar";

  @Inject
  @ConfigProperty(name = "plugboard.plugins.dir")
  String dir;

  /**
   * A plugin file as last seen: enough to tell that it changed.
   *
   * @param size its size in bytes
   * @param modified its modification time, in milliseconds
   * @param fileKey the file system's identity of the file, if it has one (an inode)
   */
  public record Fingerprint(long size, long modified, Object fileKey) {}

  /**
   * One jar in the folder.
   *
   * @param id the file name without {@code .jar}
   * @param file the file
   * @param fingerprint what it looks like now
   */
  public record Entry(String id, Path file, Fingerprint fingerprint) {}

  /**
   * @return the folder, absolute (a relative setting is taken from the working directory)
   */
  public Path path() {
    return Path.of(dir).toAbsolutePath().normalize();
  }

  /**
   * @return the jars in the folder now by id, in id order; empty when the folder does not exist
   */
  public Map<String, Entry> scan() {
    Map<String, Entry> jars = new TreeMap<>();
    Path folder = path();
    if (!Files.isDirectory(folder)) {
      return jars;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(JAR) || name.startsWith(".") || name.length() == JAR.length()) {
          continue;
        }
        fingerprint(file)
            .ifPresent(
                f ->
                    jars.put(
                        name.substring(0, name.length() - JAR.length()),
                        new Entry(name.substring(0, name.length() - JAR.length()), file, f)));
      }
    } catch (NoSuchFileException e) {
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the plugins folder " + folder, e);
    }
    return jars;
  }

  /**
   * @param id a plugin id
   * @return where its jar lives
   */
  public Path jar(String id) {
    return path().resolve(id + JAR);
  }

  /**
   * Writes an upload to a hidden file in the folder, which it creates if need be.
   *
   * @param body the jar's bytes
   * @return the file written
   * @throws ProblemException what the body's size limit raised while reading
   */
  public Path stage(InputStream body) {
    Path staged = null;
    try {
      Path folder = Files.createDirectories(path());
      staged = folder.resolve(".upload-" + UUID.randomUUID() + ".tmp");
      Files.copy(body, staged);
      return staged;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staged);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException(
          "cannot write to the plugins folder " + path(), (IOException) e);
    }
  }

  /**
   * Moves a staged upload into place as a plugin's jar, replacing the previous one in one step.
   *
   * @param staged the file {@link #stage} wrote
   * @param id the plugin's id
   * @return the jar's fingerprint in its place
   */
  public Fingerprint commit(Path staged, String id) {
    Path target = jar(id);
    try {
      try {
        Files.move(
            staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the upload into " + target, e);
    }
    return fingerprint(target)
        .orElseThrow(() -> new IllegalStateException(target + " vanished after it was written"));
  }

  /**
   * Deletes a plugin's jar, if it is there.
   *
   * @param id the plugin's id
   */
  public void delete(String id) {
    try {
      Files.deleteIfExists(jar(id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + jar(id), e);
    }
  }

  /** Deletes uploads a previous run left half-written (it stopped while receiving them). */
  public void removeStaleUploads() {
    Path folder = path();
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      files
          .filter(f -> f.getFileName().toString().startsWith(".upload-"))
          .forEach(PluginFolder::deleteQuietly);
    } catch (IOException e) {
      // Hidden uploads are ignored by scans; they only take space.
    }
  }

  /**
   * @param file a file
   * @return its fingerprint, or empty when it is gone or not a regular file
   */
  static java.util.Optional<Fingerprint> fingerprint(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(
          new Fingerprint(
              attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey()));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Deletes an upload {@link #stage} wrote, if it is still there (it is moved away when accepted).
   *
   * @param staged the upload
   */
  public static void deleteStaged(Path staged) {
    deleteQuietly(staged);
  }

  static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover hidden upload is ignored by scans and overwritten by nothing: harmless.
    }
  }
}
