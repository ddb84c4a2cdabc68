package dev.plugboard.runtime.plugin.control;

import dev.plugboard.connector.error.ConnectorException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where one plugin's code runs: a small pool of its own, so that a plugin whose calls hang uses up
 * its own threads and queue, never those of the server or of other plugins. Every call runs with
 * the plugin's class loader as the thread's context class loader (restored afterwards) and is
 * bounded in time: the caller gets an answer or a {@link PluginCallException} within the limit, and
 * a call that overran is interrupted.
 *
 * <p>Thread-safe.
 */
final class PluginCalls {

  private static final Logger LOG = Logger.getLogger(PluginCalls.class.getName());

  private final String pluginId;
  private final Duration timeout;
  private final ThreadPoolExecutor executor;
  private volatile boolean closed;

  /**
   * @param pluginId the plugin, for thread names and the log
   * @param limits the time limit and the pool's size
   * @param threads makes the pool's threads
   */
  PluginCalls(String pluginId, PluginLimits limits, ThreadFactory threads) {
    this.pluginId = pluginId;
    this.timeout = limits.callTimeout();
    AtomicInteger count = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            limits.threads(),
            limits.threads(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.queue()),
            task -> {
              Thread thread = threads.newThread(task);
              thread.setName("plugin-" + pluginId + "-" + count.incrementAndGet());
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * @return how long one call may take
   */
  Duration timeout() {
    return timeout;
  }

  /**
   * Runs a call into the plugin and waits for it within the time limit.
   *
   * @param classLoader the plugin's class loader, made the context class loader for the call
   * @param connectorId the connector called, for messages
   * @param what the SPI method, for the log
   * @param work the call
   * @param <T> what it returns
   * @return what the call returned, never {@code null}
   * @throws ConnectorException what the plugin threw, when it is one (the SPI's way of failing)
   * @throws PluginCallException when the call timed out, could not be queued or failed otherwise
   */
  <T> T call(ClassLoader classLoader, String connectorId, String what, Callable<T> work) {
    if (closed) {
      throw PluginCallException.removed(connectorId);
    }
    Future<T> future;
    try {
      future = executor.submit(() -> withContextClassLoader(classLoader, work));
    } catch (RejectedExecutionException e) {
      if (closed) {
        throw PluginCallException.removed(connectorId);
      }
      LOG.warning(
          "Connector '"
              + connectorId
              + "' (plugin '"
              + pluginId
              + "') is busy: a call to "
              + what
              + " was refused");
      throw PluginCallException.busy(connectorId);
    }
    T result;
    try {
      result = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      executor.remove((Runnable) future);
      LOG.warning(
          "Connector '"
              + connectorId
              + "' (plugin '"
              + pluginId
              + "') did not answer "
              + what
              + " within "
              + PluginCallException.seconds(timeout)
              + "; the call was interrupted");
      throw PluginCallException.timedOut(connectorId, timeout);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw PluginCallException.timedOut(connectorId, timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConnectorException failure) {
        throw failure;
      }
      throw failed(connectorId, what, cause);
    }
    if (result == null) {
      throw failed(
          connectorId,
          what,
          new NullPointerException(what + " returned null, which the SPI forbids"));
    }
    return result;
  }

  private PluginCallException failed(String connectorId, String what, Throwable cause) {
    String errorId = UUID.randomUUID().toString();
    LOG.log(
        Level.WARNING,
        "Connector '"
            + connectorId
            + "' (plugin '"
            + pluginId
            + "') failed in "
            + what
            + ", error id "
            + errorId,
        cause);
    return PluginCallException.failed(connectorId, errorId, cause);
  }

  /**
   * Runs work on one of the plugin's threads and waits for it within the time limit, for loading
   * the plugin.
   *
   * @param work what to run
   * @param <T> what it returns
   * @return its result
   * @throws TimeoutException when it did not finish in time (it is interrupted)
   * @throws ExecutionException when it failed
   */
  <T> T run(Callable<T> work) throws TimeoutException, ExecutionException {
    Future<T> future = executor.submit(work);
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw e;
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ExecutionException(e);
    }
  }

  /**
   * Stops taking calls, lets those under way finish within the time limit, then interrupts what is
   * left. Returns at once; {@code afterwards} runs when the pool has stopped (or given up on stuck
   * threads).
   *
   * @param afterwards what to do then, e.g. close the plugin's class loader
   * @param background where to wait
   */
  void close(Runnable afterwards, java.util.concurrent.Executor background) {
    closed = true;
    executor.shutdown();
    background.execute(
        () -> {
          try {
            if (!executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
              executor.shutdownNow();
              if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warning(
                    "Plugin '"
                        + pluginId
                        + "' has threads that ignore interruption; they are left to finish");
              }
            }
          } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
          } finally {
            afterwards.run();
          }
        });
  }

  /** Stops at once, for server shutdown. */
  void closeNow() {
    closed = true;
    executor.shutdownNow();
  }

  private static <T> T withContextClassLoader(ClassLoader classLoader, Callable<T> work)
      throws Exception {
    Objects.requireNonNull(classLoader, "classLoader");
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(classLoader);
    try {
      return work.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
