package io.flywheel.mlops.evaluation;

import java.util.List;

/**
 * The verdict of the gates.
 *
 * @param passed  whether every gate held
 * @param summary every gate in one line, ending with pass or fail
 * @param checks  each gate with its numbers
 */
public record GateResult(boolean passed, String summary, List<GateCheck> checks) {

    public GateResult {
        checks = List.copyOf(checks);
    }
}
