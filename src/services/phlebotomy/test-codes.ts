import type { DomainConfig } from '../../domain/index.js';
import type { ServiceRequest } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import type { Catalogue } from '../catalogue/store.js';

/**
 * The lab-catalogue test code (DOMAIN.md A.3, the organisation's configuration) for an order:
 * the catalogue entry's own link first, then by LOINC, then by our orderable code ("LAB-PT-INR" -> "PT_INR").
 */
export function labTestCodeOf(sr: ServiceRequest, config: DomainConfig, catalogue?: Catalogue): string | undefined {
  const tests = config.phlebotomy.tests;
  const codings = sr.code?.coding ?? [];
  const orderableCode = codings.find((c) => c.system === systems.orderable)?.code;
  const orderable = orderableCode ? catalogue?.find(orderableCode) : undefined;
  if (orderable?.labTestCode && orderable.labTestCode in tests) return orderable.labTestCode;
  const loincs = new Set([...codings.filter((c) => c.system === systems.loinc).map((c) => c.code), ...(orderable?.coding.filter((c) => c.system === systems.loinc).map((c) => c.code) ?? [])]);
  for (const [code, spec] of Object.entries(tests)) if (spec.loinc.some((l) => loincs.has(l))) return code;
  if (orderableCode) {
    const guess = orderableCode.replace(/^LAB-/, '').replace(/-/g, '_');
    if (guess in tests) return guess;
  }
  return undefined;
}
