// Spike: ten times the load in ten seconds and back.
// Scenarios and thresholds: scenarios.json, profile "spike". Usage: see load-tests/README.md.
import { optionsFor } from "./flywheel.js";

export { infer, chat, feedback } from "./flywheel.js";
export const options = optionsFor("spike");
