/**
 * Expands the value sets of required bindings from the definition bundles alone.
 * A value set that needs an external code system (UCUM, BCP-47, MIME types...) or a filter we do not
 * evaluate cannot be expanded: the caller then skips the check rather than rejecting good data.
 */
import type { CodeSystem, CodeSystemConcept, ValueSet, ValueSetComposeInclude } from '@medplum/fhirtypes';
import type { CodeSet } from './models.js';

export interface Terminology {
  /** The codes of a value set (canonical, with or without `|version`), or undefined if it cannot be expanded. */
  expand(url: string): CodeSet | undefined;
}

const stripVersion = (url: string) => url.split('|')[0];

function flatten(concepts: CodeSystemConcept[] | undefined, into: Set<string>): void {
  for (const c of concepts ?? []) {
    into.add(c.code);
    flatten(c.concept, into);
  }
}

export function createTerminology(valueSets: ValueSet[], codeSystems: CodeSystem[]): Terminology {
  const vsByUrl = new Map<string, ValueSet>();
  for (const vs of valueSets) if (vs.url && !vsByUrl.has(vs.url)) vsByUrl.set(vs.url, vs);
  const csByUrl = new Map<string, CodeSystem>();
  for (const cs of codeSystems) if (cs.url && !csByUrl.has(cs.url)) csByUrl.set(cs.url, cs);

  const csCodes = new Map<string, Set<string> | undefined>();
  function codesOfSystem(system: string): Set<string> | undefined {
    if (csCodes.has(system)) return csCodes.get(system);
    const cs = csByUrl.get(system);
    let codes: Set<string> | undefined;
    if (cs && cs.content === 'complete' && cs.concept?.length) {
      codes = new Set();
      flatten(cs.concept, codes);
    }
    csCodes.set(system, codes);
    return codes;
  }

  /** codes of one include/exclude clause, per system; undefined if not expandable */
  function clause(inc: ValueSetComposeInclude, visiting: Set<string>): Map<string, Set<string>> | undefined {
    if (inc.filter?.length) return undefined;
    if (inc.system && inc.valueSet?.length) return undefined; // intersection: rare in R4 core, not worth the risk
    if (inc.valueSet?.length) {
      const out = new Map<string, Set<string>>();
      for (const ref of inc.valueSet) {
        const sub = expandUrl(ref, visiting);
        if (!sub) return undefined;
        for (const [system, codes] of sub.bySystem) addAll(out, system, codes);
      }
      return out;
    }
    if (!inc.system) return undefined;
    const codes = inc.concept?.length ? new Set(inc.concept.map((c) => c.code)) : codesOfSystem(inc.system);
    return codes ? new Map([[inc.system, codes]]) : undefined;
  }

  const cache = new Map<string, CodeSet | undefined>();
  function expandUrl(url: string, visiting: Set<string>): CodeSet | undefined {
    const key = stripVersion(url);
    if (cache.has(key)) return cache.get(key);
    if (visiting.has(key)) return undefined;
    visiting.add(key);
    const result = expandValueSet(vsByUrl.get(key), visiting);
    visiting.delete(key);
    cache.set(key, result);
    return result;
  }

  function expandValueSet(vs: ValueSet | undefined, visiting: Set<string>): CodeSet | undefined {
    if (!vs) return undefined;
    const bySystem = new Map<string, Set<string>>();
    if (vs.expansion?.contains?.length && !vs.compose) {
      for (const c of vs.expansion.contains) if (c.system && c.code) addAll(bySystem, c.system, [c.code]);
      return toCodeSet(bySystem);
    }
    if (!vs.compose?.include?.length) return undefined;
    for (const inc of vs.compose.include) {
      const part = clause(inc, visiting);
      if (!part) return undefined;
      for (const [system, codes] of part) addAll(bySystem, system, codes);
    }
    for (const exc of vs.compose.exclude ?? []) {
      const part = clause(exc, visiting);
      if (!part) return undefined;
      for (const [system, codes] of part) for (const code of codes) bySystem.get(system)?.delete(code);
    }
    return toCodeSet(bySystem);
  }

  return { expand: (url) => expandUrl(url, new Set()) };
}

function addAll(map: Map<string, Set<string>>, system: string, codes: Iterable<string>): void {
  let set = map.get(system);
  if (!set) map.set(system, (set = new Set()));
  for (const c of codes) set.add(c);
}

function toCodeSet(bySystem: Map<string, Set<string>>): CodeSet | undefined {
  const all = new Set<string>();
  for (const codes of bySystem.values()) for (const c of codes) all.add(c);
  return all.size ? { bySystem, all } : undefined;
}
