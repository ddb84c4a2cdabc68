package dev.plugboard.connector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The SPI depends on the JDK only, so that any connector can be built against it. */
class SpiDependenciesTest {

  private final JavaClasses spi =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.plugboard.connector");

  @Test
  void usesNothingButTheJdk() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "javax.crypto..", "dev.plugboard.connector..")
        .check(spi);
  }

  @Test
  void everyPackageIsDocumented() {
    spi.getPackage("dev.plugboard.connector").getSubpackagesInTree().stream()
        .map(p -> p.getName())
        .forEach(
            name -> {
              if (getClass()
                      .getClassLoader()
                      .getResource(name.replace('.', '/') + "/package-info.class")
                  == null) {
                throw new AssertionError("package " + name + " has no package-info.java");
              }
            });
  }
}
