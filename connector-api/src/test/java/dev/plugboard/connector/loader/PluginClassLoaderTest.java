package dev.plugboard.connector.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.Connector;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PluginClassLoaderTest {

  @Test
  void sharesTheJdkTheServersApisAndExactlyTheSpisPackages() {
    assertThat(PluginClassLoader.shared("java.lang.String")).isTrue();
    assertThat(PluginClassLoader.shared("jakarta.json.Json")).isTrue();
    assertThat(PluginClassLoader.shared("org.eclipse.microprofile.config.Config")).isTrue();
    assertThat(PluginClassLoader.shared("dev.plugboard.connector.Connector")).isTrue();
    assertThat(PluginClassLoader.shared("dev.plugboard.connector.ConnectorContext$Builder"))
        .isTrue();
    assertThat(PluginClassLoader.shared("dev.plugboard.connector.webhook.WebhookHandler")).isTrue();

    assertThat(PluginClassLoader.shared("dev.plugboard.connector.acme.AcmeConnector")).isFalse();
    assertThat(PluginClassLoader.shared("com.example.lib.Greeting")).isFalse();
    assertThat(PluginClassLoader.shared("Toplevel")).isFalse();
  }

  /** A new SPI package must be added to the shared list, or plugins would carry their own copy. */
  @Test
  void listsEverySpiPackage() throws IOException, URISyntaxException {
    Path classes =
        Path.of(Connector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> packages;
    try (Stream<Path> files = Files.walk(classes)) {
      packages =
          files
              .filter(f -> f.toString().endsWith(".class"))
              .map(f -> classes.relativize(f.getParent()).toString().replace('/', '.'))
              .collect(Collectors.toSet());
    }
    assertThat(PluginClassLoader.SPI_PACKAGES).isEqualTo(packages);
  }
}
