package dev.plugboard.connector.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A connector plugin: one jar holding connector classes registered in {@code
 * META-INF/services/dev.plugboard.connector.Connector}, and optionally its own libraries as nested
 * jars under {@code lib/}. Opening it copies the jar and its nested libraries into a work folder
 * (so that the original can be replaced or deleted at once) and loads them in a {@link
 * PluginClassLoader}; {@link #close()} releases the loader and deletes the copies.
 *
 * <p>Not thread-safe; the platform opens and closes a plugin under its own lock.
 *
 * @since 1
 */
public final class PluginJar implements AutoCloseable {

  private static final String NESTED_LIBS = "lib/";
  private static final String SERVICES = "META-INF/services/dev.plugboard.connector.Connector";

  private final String id;
  private final Path workDir;
  private final PluginClassLoader classLoader;
  private final LoadResult result;

  private PluginJar(String id, Path workDir, PluginClassLoader classLoader, LoadResult result) {
    this.id = id;
    this.workDir = workDir;
    this.classLoader = classLoader;
    this.result = result;
  }

  /**
   * Opens a plugin jar and loads its connectors, refusing those whose id is taken.
   *
   * @param id the plugin's id, e.g. the jar's file name without {@code .jar}
   * @param jar the plugin jar
   * @param parent the platform's class loader
   * @param workRoot where to copy the plugin's jars; a folder per plugin is made below it
   * @param takenIds ids of connectors already running
   * @return the opened plugin with its load result
   * @throws PluginException if the file is not a usable jar (the reason says why)
   */
  public static PluginJar open(
      String id, Path jar, ClassLoader parent, Path workRoot, Set<String> takenIds) {
    Objects.requireNonNull(id, "id");
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory(Files.createDirectories(workRoot), id + "-");
      List<URL> urls = unpack(jar, workDir);
      PluginClassLoader loader = new PluginClassLoader(id, urls.toArray(URL[]::new), parent);
      LoadResult result =
          ConnectorLoader.load(loader, takenIds, type -> type.getClassLoader() == loader);
      return new PluginJar(id, workDir, loader, result);
    } catch (IOException | RuntimeException e) {
      delete(workDir);
      throw new PluginException("plugin '" + id + "' cannot be opened: " + describe(e), e);
    }
  }

  private static List<URL> unpack(Path jar, Path workDir) throws IOException {
    List<URL> urls = new ArrayList<>();
    Path copy = workDir.resolve("plugin.jar");
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    urls.add(url(copy));
    try (ZipFile zip = new ZipFile(copy.toFile())) {
      if (zip.getEntry(SERVICES) == null) {
        throw new PluginException(
            "it registers no connector: " + SERVICES + " is missing from the jar", null);
      }
      Path libs = workDir.resolve("lib");
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        String name = entry.getName();
        if (entry.isDirectory() || !name.startsWith(NESTED_LIBS) || !name.endsWith(".jar")) {
          continue;
        }
        String fileName = name.substring(NESTED_LIBS.length());
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")) {
          continue; // only direct children of lib/, and never a path that could leave the folder
        }
        Files.createDirectories(libs);
        Path target = libs.resolve(fileName);
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        urls.add(url(target));
      }
    } catch (ZipException e) {
      throw new PluginException("it is not a jar file (" + e.getMessage() + ")", e);
    }
    return urls;
  }

  /**
   * @return the plugin's id
   */
  public String id() {
    return id;
  }

  /**
   * @return the class loader of the plugin's classes
   */
  public PluginClassLoader classLoader() {
    return classLoader;
  }

  /**
   * @return the connectors loaded from the plugin and those refused
   */
  public LoadResult result() {
    return result;
  }

  /**
   * Releases the class loader and deletes the copied jars. Connectors of the plugin must no longer
   * be called.
   */
  @Override
  public void close() {
    try {
      classLoader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(workDir);
    }
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover copy in the work folder is harmless; it is cleaned on the next start.
    }
  }

  /**
   * A plugin file that cannot be used at all (not a jar, no connector registered).
   *
   * @since 1
   */
  public static final class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why the plugin cannot be used
     * @param cause the underlying failure, or {@code null}
     */
    public PluginException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
