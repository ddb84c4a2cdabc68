package dev.plugboard.runtime.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Micro with the platform, started as a plain process the way the run script starts it, for
 * tests that stop, kill and start the server, or run several. Every start has the network hygiene
 * options: loopback only, no phone-home, a data grid of its own or of the given members only.
 */
public final class PayaraProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;
  private final int port;

  private PayaraProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the server and waits until it is ready.
   *
   * @param war the application to deploy
   * @param log where the server's output goes (overwritten)
   * @param settings MicroProfile Config values, passed as system properties
   * @return the running server
   */
  public static PayaraProcess start(Path war, Path log, Map<String, String> settings) {
    return start(war, log, settings, freePort());
  }

  /**
   * Starts the server on a given port (e.g. one its service domain names) and waits until it is
   * ready.
   *
   * @param war the application to deploy
   * @param log where the server's output goes (overwritten)
   * @param settings MicroProfile Config values, passed as system properties
   * @param port a free port on loopback, see {@link #freePort()}
   * @return the running server
   */
  public static PayaraProcess start(Path war, Path log, Map<String, String> settings, int port) {
    return start(war, log, settings, port, Grid.alone(port));
  }

  /**
   * A Payara data grid (Hazelcast) on loopback: the port this instance's member listens on, and
   * every member's, so that instances started with the same name and member list form one grid.
   *
   * @param name the cluster name
   * @param port this member's port
   * @param members every member's port, this one's included
   */
  public record Grid(String name, int port, List<Integer> members) {
    static Grid alone(int httpPort) {
      return new Grid("plugboard-runtime-it-" + httpPort, freePort(), List.of());
    }

    List<String> options() {
      List<Integer> all = members.isEmpty() ? List.of(port) : members;
      return List.of(
          "--clustermode",
          "tcpip:" + String.join(",", all.stream().map(p -> "127.0.0.1:" + p).toList()),
          "--startport",
          Integer.toString(port),
          "--clustername",
          name);
    }
  }

  /**
   * Starts the server as a member of a data grid and waits until it is ready.
   *
   * @param war the application to deploy
   * @param log where the server's output goes (overwritten)
   * @param settings MicroProfile Config values, passed as system properties
   * @param port a free port on loopback, see {@link #freePort()}
   * @param grid the grid it joins
   * @return the running server
   */
  public static PayaraProcess start(
      Path war, Path log, Map<String, String> settings, int port, Grid grid) {
    PayaraProcess server = launch(war, log, settings, port, grid);
    server.awaitReady();
    return server;
  }

  /**
   * Starts the server as a member of a data grid without waiting for it; see {@link #awaitReady()}.
   *
   * @param war the application to deploy
   * @param log where the server's output goes (overwritten)
   * @param settings MicroProfile Config values, passed as system properties
   * @param port a free port on loopback, see {@link #freePort()}
   * @param grid the grid it joins
   * @return the starting server
   */
  public static PayaraProcess launch(
      Path war, Path log, Map<String, String> settings, int port, Grid grid) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-Djava.io.tmpdir=" + System.getProperty("plugboard.it.tmp"),
            "-Dhazelcast.phone.home.enabled=false",
            "-Dhazelcast.socket.bind.any=false"));
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar"),
            "--deploy",
            war.toString(),
            "--port",
            Integer.toString(port),
            "--disablephonehome",
            "--interfaces",
            "127.0.0.1",
            "--hzpublicaddress",
            "127.0.0.1",
            "--prebootcommandfile",
            System.getProperty("plugboard.it.preboot")));
    // With --nocluster Hazelcast would listen on every address: a grid on loopback instead.
    command.addAll(grid.options());
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new PayaraProcess(process, log, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Payara Micro", e);
    }
  }

  public int port() {
    return port;
  }

  /**
   * @return everything the server printed so far
   */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param pattern a pattern with one group
   * @return the group of the first match in the output
   */
  public Optional<String> find(Pattern pattern) {
    Matcher matcher = pattern.matcher(output());
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** Kills the server as a crash would (SIGKILL): no shutdown, nothing flushed. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * @return whether the process is still running
   */
  public boolean alive() {
    return process.isAlive();
  }

  /** Stops the server the way an operator would (SIGTERM), so that it shuts down cleanly. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the server is ready; fails (and stops it) when it does not get there. */
  public void awaitReady() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(" ready in ")) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("Payara Micro exited; see " + log);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
    close();
    throw new AssertionError("Payara Micro did not start within " + STARTUP + "; see " + log);
  }

  /**
   * @return a port on loopback that nothing listens on now
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
