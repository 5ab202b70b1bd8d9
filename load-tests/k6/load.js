// Load: ramping arrival rate up to half of the peak and held; SPEC.md's latency targets must hold.
// Scenarios and thresholds: scenarios.json, profile "load". Usage: see load-tests/README.md.
import { optionsFor } from "./flywheel.js";

export { infer, chat, feedback } from "./flywheel.js";
export const options = optionsFor("load");
