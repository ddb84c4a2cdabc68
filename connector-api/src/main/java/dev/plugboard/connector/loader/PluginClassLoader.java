package dev.plugboard.connector.loader;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader of one plugin: its own jars first, so that two plugins can carry different
 * versions of one library, except for the packages every plugin must share with the platform (the
 * JDK, the Jakarta and MicroProfile APIs the server provides, and this SPI), which always come from
 * the parent. Without that exception a plugin carrying its own copy of the SPI would define a
 * second {@code Connector} type that the platform cannot call.
 *
 * <p>Thread-safe (registered as parallel capable). {@link #close()} releases the jars.
 *
 * @since 1
 */
public final class PluginClassLoader extends URLClassLoader {

  static {
    ClassLoader.registerAsParallelCapable();
  }

  /** Packages always loaded from the parent, by prefix. */
  static final List<String> SHARED_PACKAGES =
      List.of(
          "java.",
          "javax.",
          "jdk.",
          "sun.",
          "com.sun.",
          "org.w3c.",
          "org.xml.",
          "jakarta.",
          "org.eclipse.microprofile.",
          "dev.plugboard.connector.");

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
    if (shared(resource.replace('/', '.'))) {
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

  static boolean shared(String className) {
    for (String prefix : SHARED_PACKAGES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "PluginClassLoader[" + name + "]";
  }
}
