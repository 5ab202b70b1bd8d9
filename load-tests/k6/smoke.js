// Smoke: a few requests per second on infer, chat and feedback, within the latency targets.
// Scenarios and thresholds: scenarios.json, profile "smoke". Usage: see load-tests/README.md.
import { optionsFor } from "./flywheel.js";

export { infer, chat, feedback } from "./flywheel.js";
export const options = optionsFor("smoke");
