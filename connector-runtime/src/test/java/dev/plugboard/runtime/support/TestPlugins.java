package dev.plugboard.runtime.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The plugins the plugin tests install, built from source at test time: well-behaved ones, two that
 * carry different versions of one library, and ones that are broken, clash, are built for a newer
 * SPI, throw, hang or never finish loading.
 */
public final class TestPlugins {

  private final PluginJars jars;

  /**
   * @param jars where to build them
   */
  public TestPlugins(PluginJars jars) {
    this.jars = jars;
  }

  /**
   * A connector with no fields whose connection test answers {@code hello from <id>}.
   *
   * @param file the jar's name without {@code .jar}
   * @param id the connector's id
   * @param description its description, to tell versions apart
   * @return the jar
   */
  public Path simple(String file, String id, String description) {
    String pkg = "com.example." + id.replace("-", "");
    return jars.plugin(
        file,
        Map.of(
            path(pkg, "SimpleConnector"),
            """
            package %s;

            import dev.plugboard.connector.*;
            import java.util.List;

            public class SimpleConnector implements Connector {
              public ConnectorDescriptor descriptor() {
                return ConnectorDescriptor.builder("%s", "Simple %s", "1.0.0")
                    .description("%s")
                    .capabilities(new Capabilities(false, true, List.of()))
                    .build();
              }

              public ConnectorSession open(ConnectorContext context) {
                return new ConnectorSession() {
                  public TestResult test() {
                    return TestResult.ok("hello from %s");
                  }
                };
              }
            }
            """
                .formatted(pkg, id, id, description, id)),
        List.of(pkg + ".SimpleConnector"),
        List.of());
  }

  /**
   * A {@link #simple} connector whose jar is made big by a nested library of incompressible bytes.
   *
   * @param file the jar's name without {@code .jar}
   * @param id the connector's id
   * @param kibibytes about how big the jar is
   * @return the jar
   */
  public Path large(String file, String id, int kibibytes) {
    byte[] noise = new byte[kibibytes * 1024];
    new java.util.Random(42).nextBytes(noise);
    Path ballast =
        jars.library(
            file + "-ballast",
            Map.of(),
            Map.of("noise.txt", java.util.Base64.getEncoder().encodeToString(noise)));
    Path plain = simple(file + "-plain", id, "a big plugin");
    return jars.repack(file, plain, List.of(ballast));
  }

  /**
   * A connector that greets with the version of the greeting library it carries: the library's
   * class and its {@code greeting.properties} (read through the context class loader) both say it.
   * Every version has the same class names.
   *
   * @param id the connector's id, also the jar's name
   * @param libraryVersion the version of the library it carries
   * @return the jar
   */
  public Path greeter(String id, String libraryVersion) {
    Path library =
        jars.library(
            "greeting-" + libraryVersion,
            Map.of(
                "com/example/greeting/Greeting.java",
                """
                package com.example.greeting;

                public final class Greeting {
                  public static String version() {
                    return "%s";
                  }
                }
                """
                    .formatted(libraryVersion)),
            Map.of("greeting.properties", "version=" + libraryVersion + "\n"));
    return jars.plugin(
        id,
        Map.of(
            "com/example/greeter/GreeterConnector.java",
            """
            package com.example.greeter;

            import com.example.greeting.Greeting;
            import dev.plugboard.connector.*;
            import java.io.IOException;
            import java.io.InputStream;
            import java.util.List;
            import java.util.Properties;

            public class GreeterConnector implements Connector {
              public ConnectorDescriptor descriptor() {
                return ConnectorDescriptor.builder("%s", "Greeter", "1.0.0")
                    .description("Says hello with greeting library " + Greeting.version())
                    .capabilities(new Capabilities(false, true, List.of()))
                    .build();
              }

              public ConnectorSession open(ConnectorContext context) {
                return new ConnectorSession() {
                  public TestResult test() {
                    ClassLoader context = Thread.currentThread().getContextClassLoader();
                    Properties properties = new Properties();
                    try (InputStream in = context.getResourceAsStream("greeting.properties")) {
                      properties.load(in);
                    } catch (IOException | NullPointerException e) {
                      return TestResult.failed("the context class loader " + context
                          + " has no greeting.properties");
                    }
                    return TestResult.ok("greeting " + Greeting.version() + "; " + context
                        + " sees greeting.properties version " + properties.getProperty("version"));
                  }
                };
              }
            }
            """
                .formatted(id)),
        List.of("com.example.greeter.GreeterConnector"),
        List.of(library));
  }

  /**
   * A connector built for the SPI version after this runtime's.
   *
   * @return the jar
   */
  public Path fromTheFuture() {
    return jars.plugin(
        "from-the-future",
        Map.of(
            "com/example/future/FutureConnector.java",
            """
            package com.example.future;

            import dev.plugboard.connector.*;

            public class FutureConnector implements Connector {
              public ConnectorDescriptor descriptor() {
                return ConnectorDescriptor.builder("future", "Future", "9.0.0")
                    .spiVersion(Spi.VERSION + 1)
                    .build();
              }

              public ConnectorSession open(ConnectorContext context) {
                return new ConnectorSession() {};
              }
            }
            """),
        List.of("com.example.future.FutureConnector"),
        List.of());
  }

  /**
   * A connector whose constructor does not return for a minute.
   *
   * @return the jar
   */
  public Path neverLoads() {
    return jars.plugin(
        "never-loads",
        Map.of(
            "com/example/stuck/StuckConnector.java",
            """
            package com.example.stuck;

            import dev.plugboard.connector.*;

            public class StuckConnector implements Connector {
              public StuckConnector() throws InterruptedException {
                Thread.sleep(60_000);
              }

              public ConnectorDescriptor descriptor() {
                return ConnectorDescriptor.builder("stuck", "Stuck", "1.0.0").build();
              }

              public ConnectorSession open(ConnectorContext context) {
                return new ConnectorSession() {};
              }
            }
            """),
        List.of("com.example.stuck.StuckConnector"),
        List.of());
  }

  /**
   * A connector that misbehaves on request: throws a runtime exception ({@code throw}), a linkage
   * error ({@code linkage}) or hangs for half a minute ignoring interruption ({@code hang}). Its
   * {@code validateBehaviour} field does that to {@code validate}, {@code testBehaviour} to the
   * connection test, {@code webhookBehaviour} to the webhook handshake and signature check (which
   * otherwise accept anything), and the {@code behaviour} input to its action {@code act}. An empty
   * setup behaves, so that it loads. A delivery whose body starts with {@code forged:} fails the
   * signature check; one that starts with {@code refuse:} is refused as not a delivery (the
   * caller's error), the rest of the body its message.
   *
   * @param id the connector's id, also the jar's name
   * @return the jar
   */
  public Path hostile(String id) {
    String pkg = "com.example." + id.replace("-", "");
    return jars.plugin(
        id,
        Map.of(
            path(pkg, "HostileConnector"),
            """
            package %s;

            import dev.plugboard.connector.*;
            import dev.plugboard.connector.action.*;
            import dev.plugboard.connector.schema.*;
            import dev.plugboard.connector.webhook.*;
            import java.util.Arrays;
            import java.util.List;
            import java.util.Optional;

            public class HostileConnector implements Connector {
              static Field behaviour(String key, String label) {
                return Field.builder(key, FieldType.CHOICE).label(label)
                    .choices("ok", "throw", "linkage", "hang").defaultValue("ok").build();
              }

              public ConnectorDescriptor descriptor() {
                return ConnectorDescriptor.builder("%s", "Hostile", "1.0.0")
                    .authFields(
                        behaviour("validateBehaviour", "Validation"),
                        behaviour("testBehaviour", "Test"),
                        behaviour("webhookBehaviour", "Webhooks"))
                    .capabilities(new Capabilities(true, true, List.of(
                        new ActionDescriptor("act", "Act", "Misbehaves on request",
                            List.of(behaviour("behaviour", "Behaviour"))))))
                    .build();
              }

              public Validation validate(Setup setup) {
                misbehave(setup.value("validateBehaviour").orElse("ok"));
                return Connector.super.validate(setup);
              }

              public Optional<WebhookHandler> webhooks() {
                return Optional.of(new WebhookHandler() {
                  public Handshake handshake(Setup setup, WebhookRequest request) {
                    misbehave(setup.value("webhookBehaviour").orElse("ok"));
                    return new Handshake.Accepted(
                        "text/plain", request.queryParameter("challenge").orElse("none"));
                  }

                  public Verification verify(Setup setup, WebhookRequest request) {
                    misbehave(setup.value("webhookBehaviour").orElse("ok"));
                    byte[] body = new byte[request.bodyLength()];
                    request.body().get(body);
                    return new String(body, java.nio.charset.StandardCharsets.UTF_8)
                            .startsWith("forged:")
                        ? Verification.refused("forged on request")
                        : Verification.ok();
                  }

                  public List<WebhookEvent> split(WebhookRequest request) {
                    byte[] body = new byte[request.bodyLength()];
                    request.body().get(body);
                    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                    if (text.startsWith("refuse:")) {
                      throw new dev.plugboard.connector.error.CallerException(text.substring(7));
                    }
                    return List.of(new WebhookEvent("ping", "e" + Arrays.hashCode(body),
                        Optional.empty(), "{}", Optional.empty()));
                  }
                });
              }

              public ConnectorSession open(ConnectorContext context) {
                return new ConnectorSession() {
                  public TestResult test() {
                    misbehave(context.setup().value("testBehaviour").orElse("ok"));
                    return TestResult.ok("behaved");
                  }

                  public ActionResult invoke(String action, Setup input) {
                    misbehave(input.value("behaviour").orElse("ok"));
                    return ActionResult.of("behaved", true);
                  }
                };
              }

              static void misbehave(String behaviour) {
                switch (behaviour) {
                  case "throw" -> throw new IllegalStateException("internal detail 42");
                  case "linkage" -> throw new NoClassDefFoundError("com/example/Missing");
                  case "hang" -> {
                    long end = System.nanoTime() + 30_000_000_000L;
                    while (System.nanoTime() < end) {
                      try {
                        Thread.sleep(500);
                      } catch (InterruptedException ignored) {
                        // as badly written code does
                      }
                    }
                  }
                  default -> {}
                }
              }
            }
            """
                .formatted(pkg, id)),
        List.of(pkg + ".HostileConnector"),
        List.of());
  }

  /**
   * A connector with the id of the built-in Messenger connector.
   *
   * @return the jar
   */
  public Path impostor() {
    return simple("impostor", "facebook-messenger", "Not the real one");
  }

  /**
   * @return a file named like a jar that is not a zip file
   */
  public Path broken() {
    return jars.notAJar("broken");
  }

  /**
   * The example connector of {@code examples/signed-webhook-connector}, compiled from its sources.
   *
   * @return the jar
   */
  public Path signedWebhook() {
    return jars.project(
        "signed-webhook",
        Path.of(System.getProperty("plugboard.it.examples"), "signed-webhook-connector"));
  }

  private static String path(String pkg, String type) {
    return pkg.replace('.', '/') + "/" + type + ".java";
  }
}
