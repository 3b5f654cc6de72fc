/**
 * Writes the integrator API's OpenAPI document to examples/openapi.json and the typed client's types
 * beside it (`npm run api:types`), so the example's client is generated from what the console serves.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

import { buildOpenApiDocument } from "../lib/api/openapi-document";

const documentFile = path.join("examples", "openapi.json");
writeFileSync(documentFile, `${JSON.stringify(buildOpenApiDocument("http://localhost:3000"), null, 2)}\n`);
execFileSync(
  path.join("node_modules", ".bin", "openapi-typescript"),
  [documentFile, "--output", path.join("examples", "integrator-api.d.ts")],
  { stdio: "inherit" },
);
