package dev.plugboard.connector;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * A connector's icon, shown on its marketplace card. Kept small (at most 64 KiB) because it is sent
 * with the catalog.
 *
 * @param mediaType {@code image/svg+xml} or {@code image/png}
 * @param base64 the image bytes, base64-encoded
 * @since 1
 */
public record Icon(String mediaType, String base64) {

  private static final Set<String> TYPES = Set.of("image/svg+xml", "image/png");
  private static final int MAX_BYTES = 64 * 1024;

  /**
   * Checks the media type, the encoding and the size.
   *
   * @param mediaType {@code image/svg+xml} or {@code image/png}
   * @param base64 the image bytes, base64-encoded
   */
  public Icon {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(base64, "base64");
    if (!TYPES.contains(mediaType)) {
      throw new IllegalArgumentException("icon media type must be one of " + TYPES);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("icon is not valid base64", e);
    }
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("icon must hold 1 byte to 64 KiB");
    }
  }

  /**
   * @param markup an SVG document
   * @return an SVG icon
   */
  public static Icon svg(String markup) {
    return new Icon(
        "image/svg+xml",
        Base64.getEncoder().encodeToString(markup.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * @return the image as a {@code data:} URI, usable directly in an {@code <img src>}
   */
  public String dataUri() {
    return "data:" + mediaType + ";base64," + base64;
  }
}
