package dev.plugboard.connector.loader;

import dev.plugboard.connector.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
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
   * <p>Only the connectors the plugin jar itself lists in its {@code META-INF/services} entry are
   * loaded, never those its parent or its nested libraries register. They are instantiated and
   * checked with the plugin's class loader as the thread's context class loader, which is restored
   * afterwards. The calling thread runs the plugin's constructors: a caller that must not hang puts
   * a time limit around this call.
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
    PluginClassLoader loader = null;
    try {
      workDir = Files.createTempDirectory(Files.createDirectories(workRoot), id + "-");
      Unpacked unpacked = unpack(jar, workDir);
      loader = new PluginClassLoader(id, unpacked.urls().toArray(URL[]::new), parent);
      LoadResult result = load(loader, unpacked.providers(), takenIds);
      return new PluginJar(id, workDir, loader, result);
    } catch (IOException | RuntimeException e) {
      closeQuietly(loader);
      delete(workDir);
      throw new PluginException("plugin '" + id + "' cannot be opened: " + describe(e), e);
    }
  }

  private static LoadResult load(
      PluginClassLoader loader, List<String> providers, Set<String> takenIds) {
    List<ConnectorLoader.Candidate> candidates = new ArrayList<>();
    for (String provider : providers) {
      candidates.add(new ConnectorLoader.Candidate(provider, () -> instantiate(provider, loader)));
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return ConnectorLoader.check(candidates, takenIds);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * Instantiates a listed class. Failures of the lookup are reported in the plugin author's terms
   * (which class, what is wrong with it), without the reflection exceptions behind them.
   */
  private static Connector instantiate(String provider, PluginClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(provider, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("class " + provider + " is not in the plugin");
    }
    if (type.getClassLoader() != loader) {
      throw new IllegalStateException(
          "class " + provider + " comes from the platform, not from the plugin");
    }
    if (!Connector.class.isAssignableFrom(type)) {
      throw new IllegalStateException(
          "class " + provider + " does not implement " + Connector.class.getName());
    }
    try {
      return type.asSubclass(Connector.class).getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("class " + provider + " has no public no-arg constructor");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "class " + provider + " cannot be instantiated (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** The jars a plugin's class loader reads and the connector classes its jar lists. */
  private record Unpacked(List<URL> urls, List<String> providers) {}

  private static Unpacked unpack(Path jar, Path workDir) throws IOException {
    List<URL> urls = new ArrayList<>();
    Path copy = workDir.resolve("plugin.jar");
    Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
    urls.add(url(copy));
    List<String> providers;
    try (ZipFile zip = new ZipFile(copy.toFile())) {
      ZipEntry services = zip.getEntry(SERVICES);
      if (services == null) {
        throw new PluginException(
            "it registers no connector: " + SERVICES + " is missing from the jar", null);
      }
      try (InputStream in = zip.getInputStream(services)) {
        providers = providers(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      if (providers.isEmpty()) {
        throw new PluginException("it registers no connector: " + SERVICES + " is empty", null);
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
    return new Unpacked(urls, providers);
  }

  /** The class names of a service entry, as {@link java.util.ServiceLoader} reads them. */
  private static List<String> providers(String entry) {
    Set<String> names = new LinkedHashSet<>();
    for (String line : entry.split("\\R")) {
      int comment = line.indexOf('#');
      String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return List.copyOf(names);
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

  private static void closeQuietly(PluginClassLoader loader) {
    if (loader == null) {
      return;
    }
    try {
      loader.close();
    } catch (IOException e) {
      // Nothing was loaded from it that could stay in use.
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
