// Soak: a steady moderate load for hours; nothing may grow without bound.
// Scenarios and thresholds: scenarios.json, profile "soak". Usage: see load-tests/README.md.
import { optionsFor } from "./flywheel.js";

export { infer, chat, feedback } from "./flywheel.js";
export const options = optionsFor("soak");
