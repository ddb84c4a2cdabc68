package dev.plugboard.runtime.plugin.control;

import java.util.regex.Pattern;

/** Plugin ids: the jar's file name without {@code .jar}, safe in a URL and a file name. */
public final class PluginId {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,99}");

  /** What a valid id looks like, for messages. */
  public static final String RULE =
      "lowercase letters, digits, dashes and dots, starting with a letter or digit, at most 100"
          + " characters (e.g. signed-webhook)";

  private PluginId() {}

  /**
   * @param id a candidate id
   * @return whether it is a valid plugin id
   */
  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }
}
