import { resolveDomainConfig } from '../config.js';
import { DomainInputError } from '../errors.js';
import { reason, type Reason } from '../reasons.js';
import { checkEnum, checkKey, fieldsOf, optionalEnum, requiredArray, requiredEnum, type Fields } from '../validate.js';
import {
  additiveDrawClass,
  capillaryOrderOfDraw,
  UNCLASSIFIED_VENOUS_RANK,
  venousOrderOfDraw,
} from './containers.js';
import { collectionMethods, devices, drawClasses, type ContainerSpec, type DrawClass } from './models.js';

const venousRank = new Map(venousOrderOfDraw.map((r) => [r.drawClass, r.rank]));
const capillaryRank = new Map(capillaryOrderOfDraw.map((r) => [r.drawClass, r.rank]));

/** The CLSI class of a container, from its additive (A.1 rule 5); null = additive outside the six classes. */
export function drawClassOf(container: ContainerSpec): DrawClass | null {
  return additiveDrawClass[container.additive];
}

export interface OrderOfDrawResult {
  order: string[];
  warnings: Reason[];
}

/** Order of draw with the warnings a person should see (unknown additive placed after grey). */
export function sortOrderOfDrawExplained(input: { containers: string[]; method?: 'venous' | 'capillary'; config?: unknown }): OrderOfDrawResult {
  const o = fieldsOf(input, 'sortOrderOfDraw');
  const codes = requiredArray(o, 'containers', 'an array of container codes');
  const method = optionalEnum(o, 'method', collectionMethods) ?? 'venous';
  const { containers } = resolveDomainConfig(o.config).phlebotomy;
  const warnings: Reason[] = [];
  const keyed = codes.map((raw, position) => {
    const field = `containers[${position}]`;
    const code = checkKey(containers, raw, field, 'container code');
    const spec = containers[code];
    const cls = drawClassOf(spec);
    let rank: number;
    if (method === 'venous') {
      if (cls === null) {
        rank = UNCLASSIFIED_VENOUS_RANK;
        warnings.push(reason('UNKNOWN_ADDITIVE', `${code} (additive ${spec.additive}) fits no CLSI class; placed after the grey tube`, code));
      } else rank = venousRank.get(cls) as number;
    } else {
      const r = cls === null ? undefined : capillaryRank.get(cls);
      if (r === undefined) {
        throw new DomainInputError(field, 'a container collected by skin puncture (EDTA, heparin, fluoride or serum microtube)', raw);
      }
      rank = r;
    }
    return { code, rank, sub: spec.subRank, position };
  });
  keyed.sort((a, b) => a.rank - b.rank || a.sub - b.sub || a.position - b.position);
  return { order: keyed.map((k) => k.code), warnings };
}

/**
 * Container codes in order of draw: key (rank, catalogue sub-rank, original position), A.1.
 * Blood culture bottles share a sub-rank, so they keep the order given (the device decides it).
 */
export function sortOrderOfDraw(input: { containers: string[]; method?: 'venous' | 'capillary'; config?: unknown }): string[] {
  return sortOrderOfDrawExplained(input).order;
}

/** A.1 rule 3: winged set with a citrate tube first needs a discard tube to prime the tubing. */
export function discardTubeRequired(input: { device: 'needle' | 'winged'; firstContainerClass: DrawClass }): boolean {
  const o: Fields = fieldsOf(input, 'discardTubeRequired');
  const device = requiredEnum(o, 'device', devices);
  const first = checkEnum(o.firstContainerClass, 'firstContainerClass', drawClasses);
  return device === 'winged' && first === 'CITRATE';
}

/** Inversions after filling (A.2, BD values). */
export function inversionsFor(input: { container: string; config?: unknown }): { min: number; max: number } {
  const o = fieldsOf(input, 'inversionsFor');
  const { containers } = resolveDomainConfig(o.config).phlebotomy;
  const code = checkKey(containers, o.container, 'container', 'container code');
  const { min, max } = containers[code].inversions;
  return { min, max };
}
