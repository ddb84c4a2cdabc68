package dev.plugboard.runtime.support;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds jars from Java source at test time, as a third party's build would: compiled against the
 * SPI and the Jakarta APIs only (the test class path), then packed with a service entry and nested
 * libraries under {@code lib/}.
 */
public final class PluginJars {

  private static final String SERVICES = "META-INF/services/dev.plugboard.connector.Connector";

  private final Path build;

  /**
   * @param build a folder for sources, classes and jars
   */
  public PluginJars(Path build) {
    this.build = build;
  }

  /**
   * A plugin jar.
   *
   * @param name the jar's name without {@code .jar}
   * @param sources Java sources by path, e.g. {@code com/example/X.java}
   * @param connectors the connector classes for the service entry
   * @param libraries jars the sources compile against, nested under {@code lib/}
   * @return the jar
   */
  public Path plugin(
      String name, Map<String, String> sources, List<String> connectors, List<Path> libraries) {
    Map<String, byte[]> contents = new LinkedHashMap<>(classes(name, sources, libraries));
    contents.put(
        SERVICES, String.join("\n", connectors).concat("\n").getBytes(StandardCharsets.UTF_8));
    for (Path library : libraries) {
      contents.put("lib/" + library.getFileName(), read(library));
    }
    return jar(name, contents);
  }

  /**
   * A library jar.
   *
   * @param name the jar's name without {@code .jar}
   * @param sources Java sources by path
   * @param resources other entries by path
   * @return the jar
   */
  public Path library(String name, Map<String, String> sources, Map<String, String> resources) {
    Map<String, byte[]> contents = new LinkedHashMap<>(classes(name, sources, List.of()));
    resources.forEach((path, text) -> contents.put(path, text.getBytes(StandardCharsets.UTF_8)));
    return jar(name, contents);
  }

  /**
   * A jar from a Maven-style project folder: {@code src/main/java} compiled, {@code
   * src/main/resources} copied.
   *
   * @param name the jar's name without {@code .jar}
   * @param project the project folder
   * @return the jar
   */
  public Path project(String name, Path project) {
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, byte[]> resources = new LinkedHashMap<>();
    Path java = project.resolve("src/main/java");
    Path other = project.resolve("src/main/resources");
    walk(java)
        .forEach(f -> sources.put(relative(java, f), new String(read(f), StandardCharsets.UTF_8)));
    if (Files.isDirectory(other)) {
      walk(other).forEach(f -> resources.put(relative(other, f), read(f)));
    }
    Map<String, byte[]> contents = new LinkedHashMap<>(classes(name, sources, List.of()));
    contents.putAll(resources);
    return jar(name, contents);
  }

  /**
   * A copy of a plugin jar with more libraries nested under {@code lib/}.
   *
   * @param name the new jar's name without {@code .jar}
   * @param plugin the plugin jar
   * @param libraries the jars to nest
   * @return the new jar
   */
  public Path repack(String name, Path plugin, List<Path> libraries) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(plugin.toFile())) {
      for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
        try (java.io.InputStream in = zip.getInputStream(entry)) {
          contents.put(entry.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path library : libraries) {
      contents.put("lib/" + library.getFileName(), read(library));
    }
    return jar(name, contents);
  }

  /**
   * A file that is called a jar but is not one.
   *
   * @param name the file's name without {@code .jar}
   * @return the file
   */
  public Path notAJar(String name) {
    try {
      return Files.writeString(build.resolve(name + ".jar"), "this is not a zip file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, byte[]> classes(
      String name, Map<String, String> sources, List<Path> libraries) {
    if (sources.isEmpty()) {
      return Map.of();
    }
    Path src = build.resolve("src-" + name);
    Path out = build.resolve("classes-" + name);
    List<String> args =
        new ArrayList<>(List.of("-d", out.toString(), "--release", "17", "-proc:none"));
    StringBuilder classpath = new StringBuilder(System.getProperty("java.class.path"));
    libraries.forEach(l -> classpath.append(File.pathSeparator).append(l));
    args.addAll(List.of("-classpath", classpath.toString()));
    try {
      Files.createDirectories(out);
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    if (javac.run(null, errors, errors, args.toArray(String[]::new)) != 0) {
      throw new AssertionError(
          "cannot compile " + name + ":\n" + errors.toString(StandardCharsets.UTF_8));
    }
    Map<String, byte[]> contents = new LinkedHashMap<>();
    walk(out).forEach(f -> contents.put(relative(out, f), read(f)));
    return contents;
  }

  private Path jar(String name, Map<String, byte[]> contents) {
    Path target = build.resolve(name + ".jar");
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file)) {
      for (Map.Entry<String, byte[]> entry : contents.entrySet()) {
        jar.putNextEntry(new JarEntry(entry.getKey()));
        jar.write(entry.getValue());
        jar.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static List<Path> walk(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
