import { resolveDomainConfig, type AgeBand, type DomainConfig } from '../config.js';
import { reason, type Reason } from '../reasons.js';
import { EPSILON, fieldsOf, optionalNumber, requiredBoolean, requiredNumber, round, type Fields, type NumberSpec } from '../validate.js';

/*
 * Paediatric blood volume limits, DOMAIN.md A.5: STANDARD principle (Howie, Bull WHO 2011),
 * DEFAULT numbers (TBV mL/kg by age band, 3 % per 24 h, 10 % per 30 days) from config.
 */

const WEIGHT: NumberSpec = { min: 0, minExclusive: true, max: 300, unit: 'kg' };
const AGE_DAYS: NumberSpec = { min: 0, max: 45000, unit: 'days' };
const PCT: NumberSpec = { min: 0, minExclusive: true, max: 100, unit: 'percent of total blood volume' };
const ML: NumberSpec = { min: 0, max: 10000, unit: 'mL' };

export interface PediatricDrawLimits {
  ageBand: AgeBand;
  totalBloodVolumeMl: number;
  max24hMl: number;
  max30dMl: number;
  /** The mL/kg and percentages used (from the input or the organisation's configuration). */
  mlPerKg: number;
  pct24h: number;
  pct30d: number;
}

function ageBandOf(ageDays: number, preterm: boolean, p: DomainConfig['phlebotomy']['pediatric']): AgeBand {
  if (ageDays < p.neonateBelowDays) return preterm ? 'preterm_neonate' : 'term_neonate';
  if (ageDays < p.infantBelowDays) return 'infant';
  if (ageDays < p.childBelowDays) return 'child';
  return 'adolescent_adult';
}

function limits(o: Fields): { l: PediatricDrawLimits; tbv: number } {
  const weightKg = requiredNumber(o, 'weightKg', WEIGHT);
  const ageDays = requiredNumber(o, 'ageDays', AGE_DAYS);
  const preterm = requiredBoolean(o, 'preterm');
  const p = resolveDomainConfig(o.config).phlebotomy.pediatric;
  const pct24h = optionalNumber(o, 'pct24h', PCT) ?? p.pct24h;
  const pct30d = optionalNumber(o, 'pct30d', PCT) ?? p.pct30d;
  const ageBand = ageBandOf(ageDays, preterm, p);
  const mlPerKg = p.tbvMlPerKg[ageBand];
  const tbv = weightKg * mlPerKg;
  return {
    tbv,
    l: { ageBand, totalBloodVolumeMl: round(tbv, 1), max24hMl: round((tbv * pct24h) / 100, 2), max30dMl: round((tbv * pct30d) / 100, 2), mlPerKg, pct24h, pct30d },
  };
}

/** tbv = weight x mL/kg(band); max24h = tbv x pct24h/100; max30d = tbv x pct30d/100. Example 8 kg, 6 months -> 640, 19.2, 64. */
export function pediatricDrawLimits(input: { weightKg: number; ageDays: number; preterm: boolean; pct24h?: number; pct30d?: number; config?: unknown }): PediatricDrawLimits {
  return limits(fieldsOf(input, 'pediatricDrawLimits')).l;
}

export interface PediatricDrawDecision {
  allowed: boolean;
  remaining24hMl: number;
  /** Present when alreadyDrawnLast30dMl was given and the 30-day limit was checked. */
  remaining30dMl?: number;
  reasons: Reason[];
}

/**
 * allowed = drawnLast24h + requested <= max24h (and, when alreadyDrawnLast30dMl is given, the same for 30 days).
 * Count all blood removed: tubes, cultures, gases, point-of-care, research, line discards (A.5).
 */
export function pediatricDrawAllowed(input: {
  weightKg: number;
  ageDays: number;
  preterm: boolean;
  pct24h?: number;
  pct30d?: number;
  alreadyDrawnLast24hMl: number;
  alreadyDrawnLast30dMl?: number;
  requestedMl: number;
  config?: unknown;
}): PediatricDrawDecision {
  const o = fieldsOf(input, 'pediatricDrawAllowed');
  const { l } = limits(o);
  const drawn24 = requiredNumber(o, 'alreadyDrawnLast24hMl', ML);
  const drawn30 = optionalNumber(o, 'alreadyDrawnLast30dMl', ML);
  const requested = requiredNumber(o, 'requestedMl', { ...ML, min: 0, minExclusive: true });
  const reasons: Reason[] = [];
  let allowed = true;
  if (drawn24 + requested > l.max24hMl + EPSILON) {
    allowed = false;
    reasons.push(reason('EXCEEDS_24H_LIMIT', `${round(drawn24 + requested, 2)} mL in 24 h would exceed ${l.max24hMl} mL (${l.pct24h} % of ${l.totalBloodVolumeMl} mL blood volume)`, round(drawn24 + requested, 2), l.max24hMl));
  }
  const out: PediatricDrawDecision = { allowed, remaining24hMl: round(Math.max(0, l.max24hMl - drawn24), 2), reasons };
  if (drawn30 !== undefined) {
    if (drawn30 + requested > l.max30dMl + EPSILON) {
      out.allowed = false;
      reasons.push(reason('EXCEEDS_30D_LIMIT', `${round(drawn30 + requested, 2)} mL in 30 days would exceed ${l.max30dMl} mL (${l.pct30d} %)`, round(drawn30 + requested, 2), l.max30dMl));
    }
    out.remaining30dMl = round(Math.max(0, l.max30dMl - drawn30), 2);
  } else {
    reasons.push(reason('LIMIT_30D_NOT_CHECKED', 'alreadyDrawnLast30dMl not given: the 30-day limit was not checked'));
  }
  return out;
}

/** Total blood-culture volume per episode by weight (A.5 table, config). */
export function bloodCultureTotalVolumeMl(input: { weightKg: number; config?: unknown }): number {
  const o = fieldsOf(input, 'bloodCultureTotalVolumeMl');
  const w = requiredNumber(o, 'weightKg', WEIGHT);
  const rows = resolveDomainConfig(o.config).phlebotomy.bloodCultureVolumes;
  for (const r of rows) if (r.maxWeightKg === null || w <= r.maxWeightKg + EPSILON) return r.totalMl;
  return rows[rows.length - 1].totalMl;
}
