package dev.plugboard.runtime.support;

import dev.plugboard.connector.facebook.fake.FakeGraphApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * What the servers Arquillian starts need from outside, decided before Arquillian reads
 * arquillian.xml, whose placeholders it fills:
 *
 * <ul>
 *   <li>{@code plugboard.it.http-port}: the port the server listens on, chosen here (a free one on
 *       loopback) rather than by the container, so that the server can be told its own address as
 *       its service domain: the redirect URI and webhook URLs then point back at it, and test
 *       events it posts to its own webhook URL arrive;
 *   <li>{@code plugboard.it.graph-url}: a {@link FakeGraphApi} in this JVM, on a free loopback
 *       port, which the servers use as both the Graph API and the Facebook Login dialog ({@code
 *       plugboard.facebook.graph-url} and {@code dialog-url}). Tests drive it through {@link
 *       #graph()}; it lives as long as the test run.
 * </ul>
 *
 * Only in integration-test runs (failsafe sets {@code plugboard.it.war}).
 */
public class TestRunServices implements LauncherSessionListener {

  private static FakeGraphApi graph;

  /**
   * @return the fake Graph API the servers under test call
   */
  public static synchronized FakeGraphApi graph() {
    if (graph == null) {
      throw new IllegalStateException("the fake Graph API runs in integration-test runs only");
    }
    return graph;
  }

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("plugboard.it.war") == null) {
      return;
    }
    synchronized (TestRunServices.class) {
      graph = FakeGraphApi.start();
    }
    System.setProperty("plugboard.it.graph-url", graph.baseUrl());
    System.setProperty("plugboard.it.http-port", Integer.toString(freePort()));
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    synchronized (TestRunServices.class) {
      if (graph != null) {
        graph.close();
        graph = null;
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
