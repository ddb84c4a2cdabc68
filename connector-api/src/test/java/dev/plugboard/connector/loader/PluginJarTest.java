package dev.plugboard.connector.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.Connector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins built here from source, each with its own copy of a library. */
class PluginJarTest {

  @TempDir static Path build;
  static Path pluginA;
  static Path pluginB;
  static Path libraryV0;

  @TempDir Path work;

  @BeforeAll
  static void buildPlugins() throws IOException {
    libraryV0 = library("0");
    pluginA = plugin("plugin-a", "1");
    pluginB = plugin("plugin-b", "2");
  }

  @Test
  void twoPluginsUseTheirOwnVersionsOfOneLibraryOverTheParents() throws IOException {
    try (URLClassLoader parent =
            new URLClassLoader(new URL[] {libraryV0.toUri().toURL()}, getClass().getClassLoader());
        PluginJar a = PluginJar.open("a", pluginA, parent, work, Set.of());
        PluginJar b = PluginJar.open("b", pluginB, parent, work, Set.of())) {
      assertThat(description(a, "plugin-a")).isEqualTo("uses library 1");
      assertThat(description(b, "plugin-b")).isEqualTo("uses library 2");
      assertThat(parent.loadClass("com.example.lib.Greeting").getMethod("version").invoke(null))
          .isEqualTo("0");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void pluginsShareTheSpiWithThePlatform() {
    try (PluginJar a = open(pluginA)) {
      Connector connector = a.result().connector("plugin-a").orElseThrow();
      assertThat(connector.getClass().getClassLoader()).isSameAs(a.classLoader());
      assertThat(a.classLoader().loadClass(Connector.class.getName())).isSameAs(Connector.class);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void listsOnlyThePluginsOwnConnectorsNotThoseOfItsParent() {
    try (PluginJar a = open(pluginA)) {
      assertThat(a.result().connectors())
          .extracting(c -> c.descriptor().id())
          .containsExactly("plugin-a");
      assertThat(a.result().failures()).isEmpty();
    }
  }

  @Test
  void refusesAConnectorWhoseIdIsTaken() {
    try (PluginJar a =
        PluginJar.open("a", pluginA, getClass().getClassLoader(), work, Set.of("plugin-a"))) {
      assertThat(a.result().connectors()).isEmpty();
      assertThat(a.result().failures())
          .singleElement()
          .satisfies(f -> assertThat(f.reason()).startsWith("duplicate id"));
    }
  }

  @Test
  void refusesAFileThatIsNotAJar() throws IOException {
    Path notAJar = Files.writeString(build.resolve("broken.jar"), "not a zip");
    assertThatThrownBy(() -> open(notAJar))
        .isInstanceOf(PluginJar.PluginException.class)
        .hasMessageStartingWith("plugin 'x' cannot be opened: it is not a jar file");
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void refusesAJarThatRegistersNoConnector() throws IOException {
    Path empty = jar(build.resolve("empty.jar"), Map.of("README.txt", "hello".getBytes()));
    assertThatThrownBy(() -> open(empty))
        .isInstanceOf(PluginJar.PluginException.class)
        .hasMessage(
            "plugin 'x' cannot be opened: it registers no connector:"
                + " META-INF/services/dev.plugboard.connector.Connector is missing from the jar");
  }

  @Test
  void closingReleasesTheLoaderAndDeletesTheCopies() throws IOException {
    PluginJar a = open(pluginA);
    assertThat(work).isNotEmptyDirectory();
    a.close();
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).isEmpty();
    }
    assertThat(pluginA).exists();
  }

  @Test
  void connectorsAreCreatedWithThePluginAsContextClassLoaderWhichIsRestoredAfterwards()
      throws IOException {
    Path probe =
        pluginJar(
            "tccl-probe",
            Map.of(
                "dev/plugboard/connector/acme/Probe.java",
                connectorSource(
                    "dev.plugboard.connector.acme",
                    "Probe",
                    "tccl-probe",
                    "String.valueOf(Thread.currentThread().getContextClassLoader())")),
            List.of("dev.plugboard.connector.acme.Probe"),
            Map.of());
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (PluginJar plugin = open(probe)) {
      assertThat(plugin.result().failures()).isEmpty();
      assertThat(description(plugin, "tccl-probe"))
          .as("a connector in a package below the SPI's is the plugin's own")
          .isEqualTo("PluginClassLoader[x]");
    }
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void refusesServiceEntriesThatAreNotConnectorsOfThePluginAndKeepsTheOthers() throws IOException {
    Path mixed =
        pluginJar(
            "mixed",
            Map.of(
                "com/example/mixed/Good.java",
                connectorSource("com.example.mixed", "Good", "mixed-good", "\"fine\""),
                "com/example/mixed/NotAConnector.java",
                "package com.example.mixed; public class NotAConnector {}",
                "com/example/mixed/Exploding.java",
                connectorSource("com.example.mixed", "Exploding", "exploding", "\"x\"")
                    .replace(
                        "public class Exploding implements Connector {",
                        "public class Exploding implements Connector {\n"
                            + "  public Exploding() { throw new IllegalStateException(\"no config\"); }")),
            List.of(
                "# comments and blank lines are ignored",
                "",
                "com.example.mixed.Missing",
                "com.example.mixed.NotAConnector",
                "com.example.mixed.Exploding",
                PluginJarTest.class.getName(),
                "com.example.mixed.Good"),
            Map.of());
    try (PluginJar plugin = open(mixed)) {
      assertThat(plugin.result().connectors())
          .extracting(c -> c.descriptor().id())
          .containsExactly("mixed-good");
      assertThat(plugin.result().failures())
          .extracting(LoadFailure::reason)
          .satisfiesExactly(
              r ->
                  assertThat(r)
                      .isEqualTo(
                          "cannot be instantiated: IllegalStateException: class"
                              + " com.example.mixed.Missing is not in the plugin"),
              r -> assertThat(r).contains("does not implement dev.plugboard.connector.Connector"),
              r ->
                  assertThat(r)
                      .isEqualTo("cannot be instantiated: IllegalStateException: no config"),
              r -> assertThat(r).contains("comes from the platform, not from the plugin"));
    }
  }

  @Test
  void loadsOnlyTheConnectorsThePluginJarListsNotThoseOfItsLibraries() throws IOException {
    Path nested =
        pluginJar(
            "nested", Map.of(), List.of(), Map.of("lib/plugin-a.jar", Files.readAllBytes(pluginA)));
    assertThatThrownBy(() -> open(nested))
        .isInstanceOf(PluginJar.PluginException.class)
        .hasMessageEndingWith(
            "it registers no connector: META-INF/services/dev.plugboard.connector.Connector is"
                + " empty");
  }

  private PluginJar open(Path jar) {
    return PluginJar.open("x", jar, getClass().getClassLoader(), work, Set.of());
  }

  private static String description(PluginJar plugin, String id) {
    return plugin.result().connector(id).orElseThrow().descriptor().description();
  }

  /** A library whose only class answers its version. */
  private static Path library(String version) throws IOException {
    Path classes =
        compile(
            "lib-" + version,
            Map.of(
                "com/example/lib/Greeting.java",
                "package com.example.lib; public class Greeting {"
                    + " public static String version() { return \""
                    + version
                    + "\"; } }"),
            List.of());
    return jar(build.resolve("greeting-" + version + ".jar"), contents(classes));
  }

  /** A plugin with one connector that reports the version of its nested library. */
  private static Path plugin(String id, String libraryVersion) throws IOException {
    Path library = library(libraryVersion);
    String pkg = "com.example." + id.replace("-", "");
    String source =
        "package "
            + pkg
            + ";\n"
            + "import dev.plugboard.connector.*;\n"
            + "public class TheConnector implements Connector {\n"
            + "  public ConnectorDescriptor descriptor() {\n"
            + "    return ConnectorDescriptor.builder(\""
            + id
            + "\", \"Plugin\", \"1\")\n"
            + "        .description(\"uses library \" + com.example.lib.Greeting.version())"
            + ".build();\n"
            + "  }\n"
            + "  public ConnectorSession open(ConnectorContext context) {\n"
            + "    return new ConnectorSession() {};\n"
            + "  }\n"
            + "}\n";
    Path classes =
        compile(id, Map.of(pkg.replace('.', '/') + "/TheConnector.java", source), List.of(library));
    Map<String, byte[]> contents = new java.util.HashMap<>(contents(classes));
    contents.put(
        "META-INF/services/dev.plugboard.connector.Connector",
        (pkg + ".TheConnector\n").getBytes(StandardCharsets.UTF_8));
    contents.put("lib/greeting.jar", Files.readAllBytes(library));
    return jar(build.resolve(id + ".jar"), contents);
  }

  private static String connectorSource(
      String pkg, String type, String id, String descriptionExpression) {
    return "package "
        + pkg
        + ";\n"
        + "import dev.plugboard.connector.*;\n"
        + "public class "
        + type
        + " implements Connector {\n"
        + "  private final String description = "
        + descriptionExpression
        + ";\n"
        + "  public ConnectorDescriptor descriptor() {\n"
        + "    return ConnectorDescriptor.builder(\""
        + id
        + "\", \"Plugin\", \"1\").description(description).build();\n"
        + "  }\n"
        + "  public ConnectorSession open(ConnectorContext context) {\n"
        + "    return new ConnectorSession() {};\n"
        + "  }\n"
        + "}\n";
  }

  /** A plugin jar with the given sources, service entry lines and extra entries. */
  private static Path pluginJar(
      String name, Map<String, String> sources, List<String> services, Map<String, byte[]> extra)
      throws IOException {
    Map<String, byte[]> contents = new java.util.HashMap<>(extra);
    if (!sources.isEmpty()) {
      contents.putAll(contents(compile(name, sources, List.of())));
    }
    contents.put(
        "META-INF/services/dev.plugboard.connector.Connector",
        String.join("\n", services).getBytes(StandardCharsets.UTF_8));
    return jar(build.resolve(name + ".jar"), contents);
  }

  private static Path compile(String name, Map<String, String> sources, List<Path> classpath)
      throws IOException {
    Path src = Files.createDirectories(build.resolve("src-" + name));
    Path out = Files.createDirectories(build.resolve("classes-" + name));
    List<String> args = new java.util.ArrayList<>();
    args.addAll(List.of("-d", out.toString(), "--release", "17", "-classpath"));
    StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
    classpath.forEach(p -> cp.append(java.io.File.pathSeparator).append(p));
    args.add(cp.toString());
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue());
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, args.toArray(String[]::new));
    assertThat(status).as("javac exit status for %s", name).isZero();
    return out;
  }

  private static Map<String, byte[]> contents(Path classes) throws IOException {
    Map<String, byte[]> contents = new java.util.HashMap<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        contents.put(
            classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
      }
    }
    return contents;
  }

  private static Path jar(Path target, Map<String, byte[]> contents) throws IOException {
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file)) {
      for (Map.Entry<String, byte[]> e : contents.entrySet()) {
        jar.putNextEntry(new JarEntry(e.getKey()));
        jar.write(e.getValue());
        jar.closeEntry();
      }
    }
    return target;
  }
}
