package dev.plugboard.runtime.secret.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The master keys the platform holds: the current one, which seals every new value, and the
 * previous ones, which still open values sealed before a rotation.
 *
 * @param current the key new values are sealed with
 * @param byId every key, the current one included, by id
 */
public record KeyRing(MasterKey current, Map<String, MasterKey> byId) {

  /** Copies the map. */
  public KeyRing {
    byId = Map.copyOf(byId);
  }

  /**
   * @param current the key to seal with
   * @param previous older keys to open with
   * @return the ring
   */
  public static KeyRing of(MasterKey current, List<MasterKey> previous) {
    Map<String, MasterKey> keys = new LinkedHashMap<>();
    previous.forEach(k -> keys.put(k.id(), k));
    keys.put(current.id(), current);
    return new KeyRing(current, keys);
  }

  /**
   * @param id a key id stored with a value
   * @return the key with that id
   */
  public Optional<MasterKey> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }
}
