// Shared by every Flywheel k6 script: builds k6 options (scenarios and thresholds) from scenarios.json - the same
// file the JVM loopback runner reads - and sends the requests it describes.
//
//   k6 run -e BASE_URL=http://localhost:8080 smoke.js
//   k6 run -e BASE_URL=http://localhost:8080 -e SCENARIOS=infer,feedback -e model=credit-risk load.js
//
// Environment: BASE_URL (default http://localhost:8080), API_KEY (sent as a Bearer token), SCENARIOS (comma-separated
// subset), LATENCY_SCALE (multiplies every latency threshold, e.g. 3 through a kubectl port-forward), and any
// variable of scenarios.json by its name (model, assistant, feedbackLabel).
import http from "k6/http";
import { check, fail } from "k6";

// A request's capture maps a variable to a selector into the answer of the request it depends on ('before'), in
// the syntax of k6's Response.json(selector) (GJSON), e.g. outputs.#(name=="prediction_id").data.0.
/** @typedef {{method: string, path: string, body: any, before?: string, capture?: Record<string, string>, check: {status: number, field?: string}}} RequestSpec */

const spec = JSON.parse(open("./scenarios.json"));
const baseUrl = (__ENV.BASE_URL || "http://localhost:8080").replace(/\/$/, "");

/** @type {Record<string, string>} */
const variables = Object.fromEntries(
  Object.entries(spec.variables).map(([name, value]) => [name, __ENV[name] || String(value)]));

/**
 * k6 options for one profile of scenarios.json.
 * @param {string} profileName
 * @returns {import("k6/options").Options}
 */
export function optionsFor(profileName) {
  const profile = spec.profiles[profileName];
  if (!profile) {
    throw new Error(`no profile '${profileName}' in scenarios.json`);
  }
  const wanted = __ENV.SCENARIOS ? __ENV.SCENARIOS.split(",").map((s) => s.trim()) : null;
  /** @type {Record<string, any>} */
  const scenarios = {};
  for (const [name, scenario] of Object.entries(profile.scenarios)) {
    const { request, ...executor } = /** @type {any} */ (scenario);
    if (wanted && !wanted.includes(name) && !(name.startsWith("warmup") && wanted.includes(request))) {
      continue;
    }
    scenarios[name] = { ...executor, exec: request };
  }
  return { scenarios, thresholds: scaled(profile.thresholds || spec.thresholds), summaryTrendStats: ["avg", "med", "p(95)", "p(99)", "max"] };
}

/** @param {Record<string, string[]>} thresholds */
function scaled(thresholds) {
  const scale = Number(__ENV.LATENCY_SCALE || "1");
  /** @type {Record<string, string[]>} */
  const result = {};
  for (const [metric, expressions] of Object.entries(thresholds)) {
    result[metric] = metric.startsWith("http_req_duration")
      ? expressions.map((e) => e.replace(/([<>]=?)\s*([\d.]+)$/, (_, op, ms) => `${op}${Number(ms) * scale}`))
      : expressions;
  }
  return result;
}

/**
 * @param {any} value
 * @param {Record<string, string>} vars
 * @returns {any}
 */
function fill(value, vars) {
  if (typeof value === "string") {
    return value.replace(/\{\{(\w+)\}\}/g, (_, name) => {
      if (!(name in vars)) fail(`no value for {{${name}}}`);
      return vars[name];
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)]));
  }
  return value;
}

/**
 * Sends one request of scenarios.json (after the one it depends on, if any) and checks the answer.
 * @param {string} name
 * @param {Record<string, string>} vars
 */
function send(name, vars) {
  /** @type {RequestSpec} */
  const request = spec.requests[name];
  const bound = { ...vars };
  if (request.before) {
    const first = send(request.before, vars);
    for (const [variable, field] of Object.entries(request.capture || {})) {
      const captured = first.status === 200 ? first.json(field) : undefined;
      if (captured === undefined || captured === null) return first;
      bound[variable] = String(captured);
    }
  }
  /** @type {Record<string, string>} */
  const headers = { "Content-Type": "application/json" };
  if (__ENV.API_KEY) headers.Authorization = `Bearer ${__ENV.API_KEY}`;
  const response = http.request(request.method, baseUrl + fill(request.path, bound),
    JSON.stringify(fill(request.body, bound)), { headers, tags: { name } });
  const field = request.check.field;
  check(response, {
    [`${name}: status ${request.check.status}`]: (r) => r.status === request.check.status,
    ...(field ? { [`${name}: has ${field}`]: (r) => r.status === 200 && r.json(field) !== undefined } : {}),
  });
  return response;
}

export function infer() {
  send("infer", variables);
}

export function chat() {
  send("chat", variables);
}

export function feedback() {
  send("feedback", variables);
}
