// Stress: past the peak; errors stay under 1%, latency may degrade.
// Scenarios and thresholds: scenarios.json, profile "stress". Usage: see load-tests/README.md.
import { optionsFor } from "./flywheel.js";

export { infer, chat, feedback } from "./flywheel.js";
export const options = optionsFor("stress");
