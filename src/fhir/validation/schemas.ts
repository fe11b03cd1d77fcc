/** The compiled schemas, built once on first use from the definitions in node_modules and kept. */
import { readDefinitions } from './definitions.js';
import { compileSchemas } from './compile.js';
import { compilePrimitives, type PrimitiveCheck } from './primitives.js';
import { createTerminology } from './terminology.js';
import type { Schemas } from './models.js';

export interface Compiled extends Schemas {
  primitives: Map<string, PrimitiveCheck>;
}

let compiled: Compiled | undefined;

/** Loads and compiles the R4 definitions (a few hundred ms) on the first call; later calls are free. */
export function compiledDefinitions(): Compiled {
  if (!compiled) {
    const defs = readDefinitions();
    const terminology = createTerminology(defs.valueSets, defs.codeSystems);
    compiled = { ...compileSchemas(defs.resources, defs.types, terminology), primitives: compilePrimitives(defs.types) };
  }
  return compiled;
}
