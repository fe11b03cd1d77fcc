// node --import tsx bench/validation.bench.ts — FHIR R4 validation throughput (target: >= 50,000 Patient/s),
// against @medplum/core's validator as the reference library. Prints a table; writes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { indexStructureDefinitionBundle, validateResource as medplumValidate } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { loadValidationSchemas, validateResource } from '../src/fhir/validation/index.js';
import { definitionsDir } from '../src/fhir/validation/definitions.js';
import { patient, serviceRequest, transaction } from '../src/fhir/validation/examples.js';

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T; // what the server sees: parsed JSON
const samples: Record<string, Resource> = { Patient: json(patient), ServiceRequest: json(serviceRequest), 'Bundle (3 entries)': json(transaction) };

let started = performance.now();
loadValidationSchemas();
const compileMs = performance.now() - started;

started = performance.now();
for (const file of ['profiles-types.json', 'profiles-resources.json']) {
  indexStructureDefinitionBundle(JSON.parse(readFileSync(join(definitionsDir(), file), 'utf8')) as Bundle);
}
const medplumLoadMs = performance.now() - started;

for (const [name, r] of Object.entries(samples)) {
  if (validateResource(r).length) throw new Error(`bench sample ${name} is not valid`);
}

const bench = new Bench({ time: 1500, warmupTime: 300 });
for (const [name, r] of Object.entries(samples)) {
  bench.add(`allied ${name}`, () => {
    validateResource(r);
  });
  bench.add(`medplum ${name}`, () => {
    medplumValidate(r);
  });
}
await bench.run();

console.log(`startup: allied compile ${compileMs.toFixed(0)} ms (read + compile definitions), medplum index ${medplumLoadMs.toFixed(0)} ms`);
console.table(
  bench.tasks.map((t) => {
    const r = t.result;
    const period = r && 'period' in r ? r.period : NaN;
    return { task: t.name, 'validations/s': Math.round(1000 / period), 'mean µs': +(period * 1000).toFixed(2) };
  }),
);
