package dev.plugboard.runtime.webhook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LimitedBodyTest {

  @Test
  void aBodyUpToTheLimitIsReadWhole() throws IOException {
    byte[] body = new byte[100_000];
    Arrays.fill(body, (byte) 'x');
    body[99_999] = 'y';

    assertThat(LimitedBody.read(trickle(body), 100_000)).hasValue(body);
    assertThat(LimitedBody.read(new ByteArrayInputStream(new byte[0]), 10)).hasValue(new byte[0]);
  }

  @Test
  void oneByteMoreIsRefusedWithoutReadingTheRest() throws IOException {
    CountingStream in = new CountingStream(new byte[10_000_000]);

    Optional<byte[]> read = LimitedBody.read(in, 1_000);

    assertThat(read).isEmpty();
    assertThat(in.read).isLessThan(10_000);
    assertThat(LimitedBody.read(new ByteArrayInputStream(new byte[1_001]), 1_000)).isEmpty();
  }

  /** Hands out a few bytes at a time, as a network stream does. */
  private static InputStream trickle(byte[] body) {
    return new ByteArrayInputStream(body) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 777));
      }
    };
  }

  private static final class CountingStream extends ByteArrayInputStream {
    long read;

    CountingStream(byte[] body) {
      super(body);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      read += Math.max(n, 0);
      return n;
    }
  }
}
