package io.flywheel.mlops.agent;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** The configured tier of each action type; delete-data stays human-only whatever the configuration says. */
@ApplicationScoped
public class TierPolicy {

    private static final Logger LOG = Logger.getLogger(TierPolicy.class);

    private final AgentSettings.Tiers tiers;

    public TierPolicy(AgentSettings settings) {
        this.tiers = settings.tiers();
        if (tiers.deleteData() != Tier.HUMAN_ONLY) {
            LOG.warnf("flywheel.agent.tiers.delete-data=%s is ignored: deleting data is always human-only",
                    tiers.deleteData().label());
        }
    }

    public Tier of(ActionType type) {
        return switch (type) {
            case LOG -> tiers.log();
            case NOTIFY -> tiers.notification();
            case SCALE_OUT -> tiers.scaleOut();
            case CLEAR_CACHE -> tiers.clearCache();
            case RETRAIN -> tiers.retrain();
            case DEPLOY -> tiers.deploy();
            case ROLLBACK -> tiers.rollback();
            case CHANGE_CONFIG -> tiers.changeConfig();
            case DELETE_DATA -> Tier.HUMAN_ONLY;
        };
    }
}
