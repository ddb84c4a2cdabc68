package dev.plugboard.runtime.support;

import dev.plugboard.runtime.testing.SampleConnector;
import dev.plugboard.runtime.testing.SampleOAuthConnector;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archive the integration tests deploy: the real WAR plus the sample connectors. */
public final class Deployments {

  private Deployments() {}

  /**
   * @return ROOT.war as Maven packaged it, with the test connectors registered
   */
  public static WebArchive platform() {
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("plugboard.it.war")))
        .addClasses(SampleConnector.class, SampleOAuthConnector.class)
        .addAsResource(
            "META-INF/services/dev.plugboard.connector.Connector",
            "META-INF/services/dev.plugboard.connector.Connector");
  }
}
