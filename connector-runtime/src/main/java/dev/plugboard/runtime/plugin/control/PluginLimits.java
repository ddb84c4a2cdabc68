package dev.plugboard.runtime.plugin.control;

import java.time.Duration;

/**
 * How far a plugin's code may go: how long one call may take, and how many calls to one plugin may
 * run and wait at once.
 *
 * @param callTimeout the time limit of one call, {@code plugboard.plugins.call-timeout}
 * @param threads threads per plugin, {@code plugboard.plugins.threads}
 * @param queue calls that may wait per plugin beyond those, {@code plugboard.plugins.queue}
 */
record PluginLimits(Duration callTimeout, int threads, int queue) {

  PluginLimits {
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("plugboard.plugins.call-timeout must be positive");
    }
    if (threads < 1 || queue < 1) {
      throw new IllegalArgumentException(
          "plugboard.plugins.threads and plugboard.plugins.queue must be at least 1");
    }
  }
}
