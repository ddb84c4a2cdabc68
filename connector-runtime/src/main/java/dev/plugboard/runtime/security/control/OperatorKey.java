package dev.plugboard.runtime.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/**
 * Gives a fresh installation its operator key, the way Jenkins gives its initial password: when no
 * key is configured and none was generated before, one is generated at startup, its hash stored,
 * and the key itself printed once to the log. It is never shown again.
 */
@ApplicationScoped
public class OperatorKey {

  private static final Logger LOG = Logger.getLogger(OperatorKey.class.getName());

  @Inject ApiKeys apiKeys;

  @Transactional
  void generateOnFirstStart(@Observes Startup startup) {
    if (apiKeys.operatorKeyExists()) {
      return;
    }
    ApiKeys.Issued issued = apiKeys.issueOperatorKey();
    String line = "*".repeat(78);
    LOG.warning(
        "\n"
            + line
            + "\nOperator API key (shown once): "
            + issued.key()
            + "\nIt is stored only as a hash: keep it somewhere safe. To choose your own, set"
            + "\nplugboard.admin.api-key (env PLUGBOARD_ADMIN_API_KEY).\n"
            + line);
  }
}
