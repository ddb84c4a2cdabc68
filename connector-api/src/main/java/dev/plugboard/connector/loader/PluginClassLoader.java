package dev.plugboard.connector.loader;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The class loader of one plugin: its own jars first, so that two plugins can carry different
 * versions of one library, except for the packages every plugin must share with the platform (the
 * JDK, the Jakarta and MicroProfile APIs the server provides, and the SPI's own packages), which
 * always come from the parent. Without that exception a plugin carrying its own copy of the SPI
 * would define a second {@code Connector} type that the platform cannot call. Classes the plugin
 * does not carry are looked for in the parent last.
 *
 * <p>Thread-safe (registered as parallel capable). {@link #close()} releases the jars.
 *
 * @since 1
 */
public final class PluginClassLoader extends URLClassLoader {

  static {
    ClassLoader.registerAsParallelCapable();
  }

  /** Packages always loaded from the parent, by prefix: the JDK and the server's APIs. */
  static final List<String> SHARED_PREFIXES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "org.w3c.",
          "org.xml.",
          "jakarta.",
          "org.eclipse.microprofile.");

  /**
   * The SPI's packages, always loaded from the parent. Exact package names, not prefixes: a
   * connector may live in a package below them (e.g. {@code dev.plugboard.connector.acme}) and must
   * then be loaded from its own jar.
   */
  static final Set<String> SPI_PACKAGES =
      Set.of(
          "dev.plugboard.connector",
          "dev.plugboard.connector.action",
          "dev.plugboard.connector.auth",
          "dev.plugboard.connector.error",
          "dev.plugboard.connector.loader",
          "dev.plugboard.connector.schema",
          "dev.plugboard.connector.webhook");

  private final String name;

  /**
   * @param name the plugin's name, for diagnostics
   * @param urls the plugin's jars
   * @param parent the platform's class loader, which provides the shared packages
   */
  public PluginClassLoader(String name, URL[] urls, ClassLoader parent) {
    super("plugin:" + name, urls, Objects.requireNonNull(parent, "parent"));
    this.name = name;
  }

  /**
   * @return the plugin's name
   */
  public String pluginName() {
    return name;
  }

  @Override
  protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
    if (shared(className)) {
      return super.loadClass(className, resolve);
    }
    synchronized (getClassLoadingLock(className)) {
      Class<?> type = findLoadedClass(className);
      if (type == null) {
        try {
          type = findClass(className);
        } catch (ClassNotFoundException notHere) {
          type = getParent().loadClass(className);
        }
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  @Override
  public URL getResource(String resource) {
    if (sharedResource(resource)) {
      return super.getResource(resource);
    }
    URL own = findResource(resource);
    return own != null ? own : getParent().getResource(resource);
  }

  @Override
  public Enumeration<URL> getResources(String resource) throws IOException {
    List<URL> all = new ArrayList<>(Collections.list(findResources(resource)));
    all.addAll(Collections.list(getParent().getResources(resource)));
    return Collections.enumeration(all);
  }

  /**
   * Whether a class always comes from the parent.
   *
   * @param className a binary class name, e.g. {@code dev.plugboard.connector.Spi}
   * @return {@code true} for the JDK, the server's APIs and the SPI
   */
  static boolean shared(String className) {
    for (String prefix : SHARED_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    int dot = className.lastIndexOf('.');
    return dot > 0 && SPI_PACKAGES.contains(className.substring(0, dot));
  }

  private static boolean sharedResource(String resource) {
    String path = resource.startsWith("/") ? resource.substring(1) : resource;
    for (String prefix : SHARED_PREFIXES) {
      if (path.startsWith(prefix.replace('.', '/'))) {
        return true;
      }
    }
    int slash = path.lastIndexOf('/');
    return slash > 0 && SPI_PACKAGES.contains(path.substring(0, slash).replace('/', '.'));
  }

  @Override
  public String toString() {
    return "PluginClassLoader[" + name + "]";
  }
}
