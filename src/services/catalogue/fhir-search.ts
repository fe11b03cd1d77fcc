import type { Resource } from '@medplum/fhirtypes';
import type { ContainerSpec } from '../../domain/index.js';
import { badRequest } from '../../fhir/errors.js';
import { catalogueToBundle } from './fhir.js';
import type { Orderable } from './models.js';

/*
 * The catalogue seen through the FHIR API: ActivityDefinition, ObservationDefinition and
 * SpecimenDefinition are made from the organisation's catalogue on each request (the catalogue in
 * the settings is the one source; nothing is copied into the resource tables), read-only, with the
 * search parameters below.
 */

export const catalogueDefinitionTypes = ['ActivityDefinition', 'ObservationDefinition', 'SpecimenDefinition'] as const;
export type CatalogueDefinitionType = (typeof catalogueDefinitionTypes)[number];

export function isCatalogueDefinitionType(type: string): type is CatalogueDefinitionType {
  return (catalogueDefinitionTypes as readonly string[]).includes(type);
}

type Kind = 'token' | 'string';
interface Param {
  name: string;
  kind: Kind;
  documentation: string;
  /** the values the parameter is matched against: tokens as [system, code], strings as text */
  values: (r: Record<string, unknown>) => [string | undefined, string][];
}

type Coded = { system?: string; code?: string; value?: string };
const codings = (cc: unknown): [string | undefined, string][] => ((cc as { coding?: Coded[] } | undefined)?.coding ?? []).filter((c) => c.code).map((c) => [c.system, c.code!]);
const many = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const identifiers = (v: unknown): [string | undefined, string][] => many(v).map((i) => i as Coded).filter((i) => i.value).map((i) => [i.system, i.value!]);

const common: Param[] = [{ name: '_id', kind: 'token', documentation: 'The orderable code (the id of all three definitions)', values: (r) => [[undefined, String(r.id)]] }];

/** What each type can be searched by (the CapabilityStatement lists the same). */
export const catalogueSearchParams: Record<CatalogueDefinitionType, Param[]> = {
  ActivityDefinition: [
    ...common,
    { name: 'code', kind: 'token', documentation: 'LOINC, CPT or DICOM code, or our orderable code (urn:allied:orderable)', values: (r) => codings(r.code) },
    { name: 'url', kind: 'token', documentation: 'Canonical URL of the definition', values: (r) => (r.url ? [[undefined, String(r.url)]] : []) },
    { name: 'status', kind: 'token', documentation: 'active or retired', values: (r) => [[undefined, String(r.status)]] },
    { name: 'identifier', kind: 'token', documentation: 'Our orderable code', values: (r) => identifiers(r.identifier) },
    { name: 'name', kind: 'string', documentation: 'Computer-friendly name (starts with, any case)', values: (r) => [[undefined, String(r.name ?? '')]] },
    { name: 'title', kind: 'string', documentation: 'Display name (starts with, any case)', values: (r) => [[undefined, String(r.title ?? '')]] },
    { name: 'topic', kind: 'token', documentation: 'Kind of orderable: lab, imaging or respiratory', values: (r) => many(r.topic).flatMap(codings) },
  ],
  ObservationDefinition: [
    ...common,
    { name: 'code', kind: 'token', documentation: 'LOINC code of what the lab reports', values: (r) => codings(r.code) },
    { name: 'category', kind: 'token', documentation: 'Observation category (laboratory)', values: (r) => many(r.category).flatMap(codings) },
    { name: 'identifier', kind: 'token', documentation: 'Our orderable code', values: (r) => identifiers(r.identifier) },
  ],
  SpecimenDefinition: [
    ...common,
    { name: 'identifier', kind: 'token', documentation: 'Our orderable code', values: (r) => identifiers(r.identifier) },
    { name: 'type', kind: 'token', documentation: 'Specimen type collected (HL7 v2 table 0487, e.g. SER, UR, STL)', values: (r) => codings(r.typeCollected) },
    { name: 'container', kind: 'token', documentation: 'Container code (urn:allied:container, e.g. SST_GOLD)', values: (r) => many(r.typeTested).flatMap((t) => codings((t as { container?: { type?: unknown } }).container?.type)) },
  ],
};

const PAGING = ['_count', '_offset'];

function matchesToken(values: [string | undefined, string][], wanted: string): boolean {
  return wanted.split(',').some((w) => {
    const bar = w.indexOf('|');
    if (bar < 0) return values.some(([, code]) => code === w);
    const system = w.slice(0, bar);
    const code = w.slice(bar + 1);
    return values.some(([s, c]) => (system === '' ? s === undefined : s === system) && (code === '' || c === code));
  });
}

function matchesString(values: [string | undefined, string][], wanted: string): boolean {
  return wanted.split(',').some((w) => values.some(([, v]) => v.toLowerCase().startsWith(w.toLowerCase())));
}

// a loaded catalogue's item list is never changed in place (an edit loads a new one): made once per list
const made = new WeakMap<readonly Orderable[], { containers: Readonly<Record<string, ContainerSpec>>; resources: Resource[] }>();

/** The definitions of one type made from the catalogue, in catalogue order. */
export function catalogueDefinitions(items: readonly Orderable[], containers: Readonly<Record<string, ContainerSpec>>, type: CatalogueDefinitionType): Resource[] {
  let hit = made.get(items);
  if (!hit || hit.containers !== containers) {
    hit = { containers, resources: (catalogueToBundle(items, containers).entry ?? []).map((e) => e.resource!) };
    made.set(items, hit);
  }
  return hit.resources.filter((r) => r.resourceType === type);
}

/** The definitions a FHIR search asks for, with the page; an unknown parameter is a 400 that lists the supported ones. */
export function searchCatalogueDefinitions(resources: Resource[], type: CatalogueDefinitionType, query: URLSearchParams): { matches: Resource[]; total: number; offset: number; count: number } {
  const params = catalogueSearchParams[type];
  let out = resources;
  for (const [key, value] of query) {
    if (PAGING.includes(key)) continue;
    const [name, modifier] = key.split(':');
    const p = params.find((x) => x.name === name);
    if (!p || (modifier && !(p.kind === 'string' && modifier === 'exact'))) {
      throw badRequest(`${type} has no search parameter "${key}" here (it is served from the test catalogue). Supported: ${[...params.map((x) => x.name), ...PAGING].join(', ')}`, `${type}?${key}`);
    }
    out = out.filter((r) => {
      const values = p.values(r as unknown as Record<string, unknown>);
      if (p.kind === 'token') return matchesToken(values, value);
      return modifier === 'exact' ? value.split(',').some((w) => values.some(([, v]) => v === w)) : matchesString(values, value);
    });
  }
  const count = Math.min(Math.max(Number(query.get('_count') ?? 100) || 100, 0), 1000);
  const offset = Math.max(Number(query.get('_offset') ?? 0) || 0, 0);
  return { matches: out.slice(offset, offset + count), total: out.length, offset, count };
}
