package dev.plugboard.runtime;

import dev.plugboard.runtime.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses API request bodies over {@code plugboard.api.max-body-bytes} with 413: at once when the
 * Content-Length says so, otherwise (chunked bodies) as soon as reading passes the limit. Plugin
 * jars ({@code POST /api/v1/plugins}) have their own, larger limit, {@code
 * plugboard.plugins.max-jar-bytes}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class BodyLimit implements ContainerRequestFilter {

  @Inject
  @ConfigProperty(name = "plugboard.api.max-body-bytes")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "plugboard.plugins.max-jar-bytes")
  long maxJarBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    long limit = isPluginUpload(request) ? maxJarBytes : maxBytes;
    if (request.getLength() > limit) {
      request.abortWith(ProblemException.tooLarge(limit).problem().toResponse());
      return;
    }
    request.setEntityStream(new Limited(request.getEntityStream(), limit));
  }

  private static boolean isPluginUpload(ContainerRequestContext request) {
    return "POST".equals(request.getMethod())
        && request.getUriInfo().getPath().replaceAll("^/+|/+$", "").equals("plugins");
  }

  /** Counts what is read and fails past the limit, whatever the client declared. */
  private static final class Limited extends FilterInputStream {
    private final long max;
    private long read;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > max) {
        throw ProblemException.tooLarge(max);
      }
    }
  }
}
