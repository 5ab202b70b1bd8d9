package io.flywheel.mlops.alerts;

import java.util.List;

/** The answer to a delivery of alerts: each alert as stored, diagnosed and acted upon. */
public record Receipt(List<AlertView> alerts) {
}
