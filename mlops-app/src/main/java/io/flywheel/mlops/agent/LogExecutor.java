package io.flywheel.mlops.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/** Writes the diagnosis to the application log (the audit log has it already); what low-severity alerts get. */
@ApplicationScoped
public class LogExecutor implements ActionExecutor {

    private static final Logger LOG = Logger.getLogger(LogExecutor.class);

    @Override
    public ActionType type() {
        return ActionType.LOG;
    }

    @Override
    public ExecutionResult execute(ActionRequest request) {
        LOG.infof("alert %s on %s: %s", request.alertId(), request.target(), request.reasoning());
        return ExecutionResult.succeeded("logged", Map.of(), Map.of());
    }
}
