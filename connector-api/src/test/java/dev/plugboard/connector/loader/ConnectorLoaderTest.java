package dev.plugboard.connector.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.connector.Capabilities;
import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.Spi;
import dev.plugboard.connector.loader.ConnectorLoader.Candidate;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.FieldType;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.testing.SampleConnector;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorLoaderTest {

  @Test
  void loadsConnectorsRegisteredInMetaInfServices() {
    LoadResult result = ConnectorLoader.load(getClass().getClassLoader());
    assertThat(result.failures()).isEmpty();
    assertThat(result.connector("sample-webhook")).isPresent();
  }

  @Test
  void refusesAServiceEntryThatCannotBeFoundAndKeepsTheOthers(@TempDir Path dir)
      throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(Connector.class.getName()),
        "com.example.Missing\n" + Named.class.getName() + "\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      LoadResult result = ConnectorLoader.load(loader, Set.of(), type -> true);
      assertThat(result.connectors())
          .extracting(c -> c.descriptor().id())
          .contains("named-one", "sample-webhook");
      assertThat(result.failures())
          .singleElement()
          .satisfies(f -> assertThat(f.reason()).contains("com.example.Missing"));
    }
  }

  @Test
  void filtersProvidersByClass() {
    LoadResult result = ConnectorLoader.load(getClass().getClassLoader(), Set.of(), type -> false);
    assertThat(result.connectors()).isEmpty();
    assertThat(result.failures()).isEmpty();
  }

  @Test
  void refusesAConnectorThatCannotBeInstantiated() {
    LoadResult result =
        check(
            new Candidate(
                "com.example.Exploding",
                () -> {
                  throw new IllegalStateException("no config");
                }));
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.source()).isEqualTo("com.example.Exploding");
              assertThat(f.reason())
                  .isEqualTo("cannot be instantiated: IllegalStateException: no config");
            });
  }

  @Test
  void refusesABadId() {
    LoadResult result = check(candidate(() -> descriptorOf("Facebook_Messenger")));
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.reason())
                    .startsWith(
                        "invalid descriptor: IllegalArgumentException: connector id"
                            + " 'Facebook_Messenger' must be lowercase"));
  }

  @Test
  void refusesAnInvalidSchema() {
    LoadResult result =
        check(
            candidate(
                () ->
                    ConnectorDescriptor.builder("twice", "Twice", "1")
                        .authFields(
                            Field.builder("token", FieldType.SECRET).label("Token").build(),
                            Field.builder("token", FieldType.TEXT).label("Token again").build())
                        .build()));
    assertThat(result.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("declares auth field 'token' twice"));
    assertThat(result.connectors()).isEmpty();
  }

  @Test
  void refusesADuplicateIdAndKeepsTheFirst() {
    LoadResult result =
        check(candidate(() -> descriptorOf("same-id")), candidate(() -> descriptorOf("same-id")));
    assertThat(result.connectors()).hasSize(1);
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.connectorId()).contains("same-id");
              assertThat(f.reason())
                  .isEqualTo("duplicate id: a connector with id 'same-id' is already loaded");
            });
  }

  @Test
  void refusesAnIdAlreadyTakenByAnotherSource() {
    LoadResult result =
        ConnectorLoader.check(List.of(candidate(() -> descriptorOf("taken"))), Set.of("taken"));
    assertThat(result.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).startsWith("duplicate id"));
  }

  @Test
  void refusesAConnectorBuiltForANewerSpi() {
    LoadResult result =
        check(
            candidate(
                () ->
                    ConnectorDescriptor.builder("future", "Future", "1")
                        .spiVersion(Spi.VERSION + 1)
                        .build()));
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.reason())
                    .isEqualTo(
                        "incompatible SPI version: built for SPI "
                            + (Spi.VERSION + 1)
                            + ", this runtime runs SPI 1 to "
                            + Spi.VERSION));
  }

  @Test
  void refusesWebhooksDeclaredButNotImplemented() {
    LoadResult result =
        check(
            candidate(
                () ->
                    ConnectorDescriptor.builder("hookless", "Hookless", "1")
                        .capabilities(new Capabilities(true, false, List.of()))
                        .build()));
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f -> assertThat(f.reason()).isEqualTo("declares webhooks but webhooks() is empty"));
  }

  @Test
  void refusesADescriptorThatReturnsNull() {
    LoadResult result = check(candidate(() -> null));
    assertThat(result.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("descriptor() returned null"));
  }

  @Test
  void refusesValidationThatDoesNotCoverEveryField() {
    Connector sloppy =
        new SampleConnector() {
          @Override
          public Validation validate(Setup setup) {
            return new Validation(List.of());
          }
        };
    LoadResult result = check(new Candidate("sloppy", () -> sloppy));
    assertThat(result.failures())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.reason())
                    .startsWith(
                        "validate() must return one result per auth field in schema order"));
  }

  @Test
  void oneBrokenConnectorDoesNotStopTheOthers() {
    LoadResult result =
        check(
            candidate(() -> descriptorOf("good-one")),
            candidate(() -> descriptorOf("Bad One")),
            candidate(() -> descriptorOf("good-two")));
    assertThat(result.connectors())
        .extracting(c -> c.descriptor().id())
        .containsExactly("good-one", "good-two");
    assertThat(result.failures()).hasSize(1);
  }

  @Test
  void failureDescribesItselfForTheLog() {
    LoadFailure failure =
        new LoadFailure("com.example.X", java.util.Optional.of("x"), "duplicate id");
    assertThat(failure.describe()).isEqualTo("Refused connector 'x' (com.example.X): duplicate id");
  }

  private static LoadResult check(Candidate... candidates) {
    return ConnectorLoader.check(List.of(candidates), Set.of());
  }

  private static Candidate candidate(Supplier<ConnectorDescriptor> descriptor) {
    return new Candidate(
        "test",
        () ->
            new Connector() {
              @Override
              public ConnectorDescriptor descriptor() {
                return descriptor.get();
              }

              @Override
              public ConnectorSession open(ConnectorContext context) {
                return new ConnectorSession() {};
              }
            });
  }

  private static ConnectorDescriptor descriptorOf(String id) {
    return ConnectorDescriptor.builder(id, "Named", "1").build();
  }

  /** A minimal connector loadable by class name. */
  public static class Named implements Connector {
    @Override
    public ConnectorDescriptor descriptor() {
      return descriptorOf("named-one");
    }

    @Override
    public ConnectorSession open(ConnectorContext context) {
      return new ConnectorSession() {};
    }
  }
}
