package dev.plugboard.runtime.plugin.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.connector.error.CallerException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginCallsTest {

  private final ClassLoader plugin = new URLClassLoader("plugin:test", new URL[0], null);
  private final PluginCalls calls =
      new PluginCalls(
          "test", new PluginLimits(Duration.ofMillis(300), 1, 1), Executors.defaultThreadFactory());

  @AfterEach
  void stop() {
    calls.closeNow();
  }

  @Test
  void runsWithThePluginAsContextClassLoaderOnItsOwnThreadAndRestoresIt() {
    ClassLoader mine = Thread.currentThread().getContextClassLoader();
    String seen =
        calls.call(
            plugin,
            "x",
            "test",
            () ->
                Thread.currentThread().getName()
                    + " "
                    + Thread.currentThread().getContextClassLoader().getName());
    assertThat(seen).isEqualTo("plugin-test-1 plugin:test");
    assertThat(calls.call(plugin, "x", "test", () -> "again")).isEqualTo("again");
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(mine);
  }

  @Test
  void passesTheSpisOwnFailuresThrough() {
    CallerException refused = new CallerException("bad input");
    assertThatThrownBy(
            () ->
                calls.call(
                    plugin,
                    "x",
                    "test",
                    () -> {
                      throw refused;
                    }))
        .isSameAs(refused);
  }

  @Test
  void turnsAnythingElseIntoAFailureThatDoesNotRepeatThePluginsMessage() {
    for (Throwable thrown :
        new Throwable[] {
          new IllegalStateException("secret 42"), new NoClassDefFoundError("secret 42")
        }) {
      assertThatThrownBy(
              () ->
                  calls.call(
                      plugin,
                      "x",
                      "test",
                      () -> {
                        if (thrown instanceof Error error) {
                          throw error;
                        }
                        throw (RuntimeException) thrown;
                      }))
          .isInstanceOfSatisfying(
              PluginCallException.class,
              e -> assertThat(e.kind()).isEqualTo(PluginCallException.Kind.FAILED))
          .hasMessageStartingWith("Connector 'x' failed unexpectedly. Quote error id ")
          .hasMessageNotContaining("secret");
    }
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> calls.call(plugin, "x", "test", () -> null))
        .isInstanceOf(PluginCallException.class);
  }

  @Test
  void cutsOffACallThatOverrunsAndInterruptsIt() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                calls.call(
                    plugin,
                    "x",
                    "test",
                    () -> {
                      try {
                        Thread.sleep(10_000);
                      } catch (InterruptedException e) {
                        interrupted.countDown();
                      }
                      return "late";
                    }))
        .isInstanceOfSatisfying(
            PluginCallException.class,
            e -> assertThat(e.kind()).isEqualTo(PluginCallException.Kind.TIMED_OUT))
        .hasMessage("Connector 'x' did not answer within 300 ms.");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(interrupted.await(2, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void turnsCallsAwayWhenItsThreadsAndQueueAreFullOfHangingOnes() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Runnable hang =
        () -> {
          try {
            calls.call(plugin, "x", "test", () -> ignoringInterrupts(release));
          } catch (PluginCallException expected) {
            // timed out
          }
        };
    Thread first = new Thread(hang);
    Thread second = new Thread(hang);
    first.start();
    Thread.sleep(50);
    second.start();
    Thread.sleep(50);
    AtomicBoolean ran = new AtomicBoolean();
    // Turned away at once (BUSY), not queued until the call timeout (TIMED_OUT), and never run.
    assertThatThrownBy(
            () ->
                calls.call(
                    plugin,
                    "x",
                    "test",
                    () -> {
                      ran.set(true);
                      return "never";
                    }))
        .isInstanceOfSatisfying(
            PluginCallException.class,
            e -> assertThat(e.kind()).isEqualTo(PluginCallException.Kind.BUSY));
    assertThat(ran).isFalse();
    release.countDown();
    first.join();
    second.join();
  }

  @Test
  void refusesCallsOnceClosed() {
    calls.close(() -> {}, Runnable::run);
    assertThatThrownBy(() -> calls.call(plugin, "x", "test", () -> "x"))
        .isInstanceOfSatisfying(
            PluginCallException.class,
            e -> assertThat(e.kind()).isEqualTo(PluginCallException.Kind.REMOVED));
  }

  private static String ignoringInterrupts(CountDownLatch release) {
    while (true) {
      try {
        if (release.await(5, TimeUnit.SECONDS)) {
          return "released";
        }
      } catch (InterruptedException e) {
        // as badly written plugins do
      }
    }
  }
}
