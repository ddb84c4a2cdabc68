package dev.plugboard.connector;

/**
 * The version of this SPI. A connector records, through {@link ConnectorDescriptor#spiVersion()},
 * the version it was compiled against (the builder takes this constant, which the compiler copies
 * into the connector's class); the runtime refuses a connector built for a newer SPI than its own.
 *
 * <p>The SPI grows only by adding methods with defaults, so every version accepts connectors built
 * for older ones back to {@link #MINIMUM_VERSION}.
 *
 * @since 1
 */
public final class Spi {

  /** The version of this SPI. */
  public static final int VERSION = 1;

  /** The oldest SPI version whose connectors this version still runs. */
  public static final int MINIMUM_VERSION = 1;

  private Spi() {}

  /**
   * Whether a connector built against the given SPI version can run here.
   *
   * @param spiVersion the connector's {@link ConnectorDescriptor#spiVersion()}
   * @return {@code true} when {@code MINIMUM_VERSION <= spiVersion <= VERSION}
   */
  public static boolean supports(int spiVersion) {
    return spiVersion >= MINIMUM_VERSION && spiVersion <= VERSION;
  }
}
