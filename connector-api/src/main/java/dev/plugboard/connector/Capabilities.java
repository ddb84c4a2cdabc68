package dev.plugboard.connector;

import dev.plugboard.connector.action.ActionDescriptor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a connector can do beyond setup and authorization. The runtime offers only what is declared
 * here, and the loader refuses a connector whose declaration does not match its implementation (for
 * example webhooks declared but {@link Connector#webhooks()} empty).
 *
 * @param webhooks whether {@link Connector#webhooks()} handles the provider's webhooks
 * @param connectionTest whether {@link ConnectorSession#test()} checks a setup against the provider
 * @param actions the actions {@link ConnectorSession#invoke} accepts, in display order
 * @since 1
 */
public record Capabilities(
    boolean webhooks, boolean connectionTest, List<ActionDescriptor> actions) {

  /**
   * Copies the actions and checks their names are unique.
   *
   * @param webhooks whether {@link Connector#webhooks()} handles the provider's webhooks
   * @param connectionTest whether {@link ConnectorSession#test()} checks a setup against the
   *     provider
   * @param actions the actions {@link ConnectorSession#invoke} accepts, in display order
   */
  public Capabilities {
    actions = List.copyOf(actions);
    Set<String> names = new HashSet<>();
    for (ActionDescriptor a : actions) {
      if (!names.add(a.name())) {
        throw new IllegalArgumentException("action '" + a.name() + "' is declared twice");
      }
    }
  }

  /**
   * @return capabilities of a connector that only holds a setup
   */
  public static Capabilities none() {
    return new Capabilities(false, false, List.of());
  }

  /**
   * @param name an action name
   * @return whether the action is declared
   */
  public boolean hasAction(String name) {
    return actions.stream().anyMatch(a -> a.name().equals(name));
  }
}
