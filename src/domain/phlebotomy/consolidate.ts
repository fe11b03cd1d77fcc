import { resolveDomainConfig } from '../config.js';
import { DomainInputError } from '../errors.js';
import { checkKey, checkNumber, EPSILON, fieldsOf, optionalEnum, requiredArray, round } from '../validate.js';
import { venousOrderOfDraw } from './containers.js';
import { devices, type Device, type Handling, type Section } from './models.js';
import { drawClassOf } from './order-of-draw.js';

/*
 * Tube consolidation, DOMAIN.md A.4 (DEFAULT, deterministic): the fewest tubes that satisfy the
 * order set, in order of draw. Reads the container and test catalogues of the organisation's config.
 */

export interface PlannedTube {
  container: string;
  /** Test codes in this tube, in order-entry order; culture bottles carry BLOOD_CULTURE_SET_<n>. */
  tests: string[];
  section: Section;
  handling: Handling;
  /** Catalogue minimum volumes counted against this tube (A.4 rule 5). */
  usedMl: number;
  capacityMl: number;
}

export interface ConsolidateTubesInput {
  tests: string[];
  bloodCultureSets?: number;
  device?: Device;
  config?: unknown;
}

const rankOfClass = new Map(venousOrderOfDraw.map((r) => [r.drawClass, r.rank]));
const AFTER_GREY = venousOrderOfDraw.length + 1;

interface Open {
  tube: PlannedTube;
  rank: number;
  sub: number;
  exclusive: boolean;
  used: number;
}

export function consolidateTubes(input: ConsolidateTubesInput): PlannedTube[] {
  const o = fieldsOf(input, 'consolidateTubes');
  const tests = requiredArray(o, 'tests', 'an array of test codes');
  const setsAsked = o.bloodCultureSets === undefined ? 0 : checkNumber(o.bloodCultureSets, 'bloodCultureSets', { min: 0, max: 10, integer: true });
  const device = optionalEnum(o, 'device', devices);
  const cfg = resolveDomainConfig(o.config).phlebotomy;
  const { containers, tests: catalogue, shareAcrossSections } = cfg;

  const codes: string[] = new Array(tests.length);
  let cultureTests = 0;
  for (let i = 0; i < tests.length; i++) {
    codes[i] = checkKey(catalogue, tests[i], `tests[${i}]`, 'test code');
    if (catalogue[codes[i]].bloodCulture) cultureTests++;
  }
  // A BLOOD_CULTURE entry in tests orders one more set, after the bloodCultureSets count.
  const sets = setsAsked + cultureTests;
  if (sets > 0 && device === undefined) {
    throw new DomainInputError('device', '"needle" or "winged" (the bottle order depends on it when blood cultures are drawn)', undefined);
  }

  const bottles: PlannedTube[] = [];
  // A.1 rule 2: winged set -> aerobic first (tubing air goes to the aerobic bottle); needle/syringe -> anaerobic first.
  const bottleOrder = device === 'winged' ? ['BC_AEROBIC', 'BC_ANAEROBIC'] : ['BC_ANAEROBIC', 'BC_AEROBIC'];
  for (let s = 1; s <= sets; s++) {
    for (const code of bottleOrder) {
      const ctr = containers[code];
      if (!ctr) throw new DomainInputError(`config.phlebotomy.containers.${code}`, 'a blood culture bottle entry', undefined);
      bottles.push({ container: code, tests: [`BLOOD_CULTURE_SET_${s}`], section: 'MICRO', handling: 'ambient', usedMl: ctr.nominalDrawMl, capacityMl: ctr.capacityMl });
    }
  }

  const open: Open[] = [];
  for (let i = 0; i < codes.length; i++) {
    const d = catalogue[codes[i]];
    if (d.bloodCulture) continue;
    const ctr = containers[d.container];
    const vol = d.consolidationVolumeMl;
    let target: Open | undefined;
    if (!d.exclusive) {
      for (let j = 0; j < open.length; j++) {
        const t = open[j];
        if (
          !t.exclusive &&
          t.tube.container === d.container &&
          t.tube.handling === d.handling &&
          (shareAcrossSections || t.tube.section === d.section) &&
          t.used + vol <= ctr.capacityMl + EPSILON
        ) {
          target = t;
          break;
        }
      }
    }
    if (target) {
      target.tube.tests.push(d.code);
      target.used += vol;
    } else {
      const cls = drawClassOf(ctr);
      open.push({
        tube: { container: d.container, tests: [d.code], section: d.section, handling: d.handling, usedMl: 0, capacityMl: ctr.capacityMl },
        rank: cls === null ? AFTER_GREY : (rankOfClass.get(cls) as number),
        sub: ctr.subRank,
        exclusive: d.exclusive,
        used: vol,
      });
    }
  }
  // Array.prototype.sort is stable: equal (rank, subRank) keep their opening order.
  open.sort((a, b) => a.rank - b.rank || a.sub - b.sub);
  const out = bottles;
  for (const t of open) {
    t.tube.usedMl = round(t.used, 2);
    out.push(t.tube);
  }
  return out;
}

export interface RedundantComponent {
  test: string;
  /** The ordered panel that already contains every analyte of `test`. */
  coveredBy: string;
}

/** A.4 rule 6: which ordered tests are contained in another ordered panel, and by which one. Report only. */
export function redundantPanelComponentsExplained(input: { tests: string[]; config?: unknown }): RedundantComponent[] {
  const o = fieldsOf(input, 'redundantPanelComponents');
  const tests = requiredArray(o, 'tests', 'an array of test codes');
  const catalogue = resolveDomainConfig(o.config).phlebotomy.tests;
  const codes = tests.map((t, i) => checkKey(catalogue, t, `tests[${i}]`, 'test code'));
  const out: RedundantComponent[] = [];
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    if (seen.has(code)) return;
    const mine = catalogue[code].analytes;
    for (let j = 0; j < codes.length; j++) {
      if (j === i) continue;
      const other = codes[j];
      const theirs = catalogue[other].analytes;
      const covers = mine.every((a) => theirs.includes(a));
      // A duplicate of the same test is redundant once; a different panel must be strictly larger.
      const redundant = covers && (other === code ? j < i : theirs.length > mine.length);
      if (redundant) {
        seen.add(code);
        out.push({ test: code, coveredBy: other });
        return;
      }
    }
  });
  return out;
}

/** Test codes whose analytes are all in another ordered panel (GLUCOSE with CMP, BMP with CMP). */
export function redundantPanelComponents(input: { tests: string[]; config?: unknown }): string[] {
  return redundantPanelComponentsExplained(input).map((r) => r.test);
}
