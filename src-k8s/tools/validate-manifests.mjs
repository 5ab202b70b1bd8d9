// Validates rendered Kubernetes manifests offline, twice over:
//  1. against the JSON schemas that kubernetes-models (and its Prometheus Operator package) generate from the
//     Kubernetes OpenAPI spec and the operator's CRDs: types, required fields, enums, formats;
//  2. against the same models' TypeScript types, which - unlike the API's schemas - reject unknown fields (a
//     misspelt key would otherwise be silently dropped by the API server).
// Usage: node validate-manifests.mjs <work-dir> <manifests.yaml>...   Exit 0 when every document is valid.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const [workDir, ...files] = process.argv.slice(2);
if (!workDir || files.length === 0) {
  console.error("usage: node validate-manifests.mjs <work-dir> <manifests.yaml>...");
  process.exit(2);
}

function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "monitoring.coreos.com") {
    return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  }
  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

const problems = [];
const typed = [];
for (const file of files) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  let count = 0;
  for (const document of documents) {
    if (document.errors.length > 0) {
      problems.push(`${file}: YAML error: ${document.errors[0].message}`);
      continue;
    }
    const resource = document.toJS();
    if (resource === null || resource === undefined) continue;
    count++;
    const where = `${file}: ${resource.kind}/${resource.metadata?.name}`;
    if (!resource.apiVersion || !resource.kind) {
      problems.push(`${where}: apiVersion and kind are required`);
      continue;
    }
    const module = modelModule(resource.apiVersion, resource.kind);
    let Model;
    try {
      Model = (await import(module))[resource.kind];
    } catch {
      problems.push(`${where}: no schema known for ${resource.apiVersion} ${resource.kind}`);
      continue;
    }
    try {
      new Model(resource).validate();
    } catch (error) {
      problems.push(`${where}: ${error.message}`);
    }
    typed.push({ module, kind: resource.kind, resource, where });
  }
  console.log(`${file}: ${count} resources checked against the schemas`);
}

// The TypeScript pass: one typed constant per resource; excess-property errors name the unknown field.
mkdirSync(workDir, { recursive: true });
const source = typed.map(({ module, kind, resource, where }, i) =>
  `// ${where}\nimport type { I${kind} as T${i} } from "${module}";\nexport const r${i}: T${i} = ${JSON.stringify(resource, null, 1)};\n`).join("\n");
const tsFile = resolve(join(workDir, "manifests.ts"));
writeFileSync(tsFile, source);
writeFileSync(join(workDir, "tsconfig.json"), JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext",
    skipLibCheck: true, typeRoots: [], types: [], baseUrl: here, paths: { "*": [join(here, "..", "node_modules", "*")] },
  },
  files: [tsFile],
}));
try {
  execFileSync(process.execPath, [join(here, "..", "node_modules", "typescript", "bin", "tsc"), "-p", workDir], { stdio: "pipe" });
} catch (error) {
  const lines = String(error.stdout).split("\n").filter((line) => line.includes("error TS"));
  const source_lines = source.split("\n");
  for (const line of lines) {
    // Name the resource the error is in: the comment line above its constant.
    const at = Number((line.match(/\((\d+),\d+\)/) || [])[1] || 0);
    const owner = source_lines.slice(0, at).reverse().find((l) => l.startsWith("// ")) || "";
    problems.push(`${owner.slice(3)}: ${line.replace(/^.*error TS\d+: /, "")}`);
  }
  if (lines.length === 0) problems.push(`TypeScript check failed: ${error.stdout}${error.stderr}`);
}

if (problems.length > 0) {
  console.error(`${problems.length} problem(s):\n` + problems.map((p) => `  - ${p}`).join("\n"));
  process.exit(1);
}
console.log(`all ${typed.length} resources valid (schemas and strict fields) in ${files.map((f) => basename(f)).join(", ")}`);
