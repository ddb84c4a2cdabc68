package dev.plugboard.runtime.webhook.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/** Reads a request body whole, but never more than a limit, whatever the client declared. */
final class LimitedBody {

  private LimitedBody() {}

  /**
   * @param in the body
   * @param max the most bytes accepted
   * @return the bytes, or empty when the body is longer than {@code max}
   * @throws IOException when reading fails
   */
  static Optional<byte[]> read(InputStream in, long max) throws IOException {
    byte[] buffer = new byte[(int) Math.min(max + 1, 8192)];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length > max) {
          return Optional.empty();
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(max + 1, (long) buffer.length * 2));
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        return Optional.of(length == buffer.length ? buffer : Arrays.copyOf(buffer, length));
      }
      length += n;
    }
  }
}
