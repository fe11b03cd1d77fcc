import type { DomainConfig, LabTestSpec } from '../../domain/index.js';
import { systems } from '../../fhir/systems.js';
import type { Catalogue } from './store.js';

const memo = new WeakMap<Catalogue, { base: DomainConfig; effective: DomainConfig }>();

/**
 * The rule configuration with the catalogue's specimen requirements in force: for each orderable
 * collected as one of the lab's tests (`labTestCode`), its container, volume, minimum volume,
 * handling and stability replace the test's, so an admin's edit changes the tube plan and the
 * receiving decisions. Tests that need a full tube (coagulation, blood cultures) keep their fill
 * rule: they share one tube and count nothing against its capacity (DOMAIN.md A.4).
 */
export function withCatalogue(base: DomainConfig, catalogue: Catalogue): DomainConfig {
  const hit = memo.get(catalogue);
  if (hit && hit.base === base) return hit.effective;
  const tests: Record<string, LabTestSpec> = { ...base.phlebotomy.tests };
  const containers = base.phlebotomy.containers;
  for (const o of catalogue.items) {
    const test = o.labTestCode ? tests[o.labTestCode] : undefined;
    if (!test || !o.specimen) continue;
    const s = o.specimen;
    const container = s.container in containers ? s.container : test.container;
    const fullTube = test.minWholeBloodMl === null;
    const loinc = o.coding.filter((c) => c.system === systems.loinc).map((c) => c.code);
    tests[o.labTestCode!] = {
      ...test,
      display: o.display,
      loinc: [...new Set([...test.loinc, ...loinc])],
      container,
      acceptedContainers: test.acceptedContainers.filter((c) => c !== container).concat(container !== test.container ? [test.container] : []),
      handling: s.handling === 'on_ice' ? 'on_ice' : s.protectFromLight ? 'protect_from_light' : test.handling === 'on_ice' ? 'ambient' : test.handling,
      minWholeBloodMl: fullTube ? null : (s.minVolumeMl ?? s.volumeMl),
      consolidationVolumeMl: fullTube ? test.consolidationVolumeMl : Math.min(s.volumeMl, containers[container].capacityMl),
      stabilityMinutes: s.stabilityMinutes ?? test.stabilityMinutes,
    };
  }
  const effective: DomainConfig = { ...base, phlebotomy: { ...base.phlebotomy, tests } };
  memo.set(catalogue, { base, effective });
  return effective;
}
