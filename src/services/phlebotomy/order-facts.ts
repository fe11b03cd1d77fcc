import type { ServiceRequest } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import type { Orderable } from '../catalogue/models.js';
import type { Catalogue } from '../catalogue/store.js';

/** SNOMED CT 108252007 "Laboratory procedure": how lab orders from other systems (and the demo data) are categorised. */
export const SNOMED_LAB_PROCEDURE = '108252007';

/** ServiceRequest?category= for lab orders, whichever way they are categorised: ours (urn:allied:orderable|lab) or SNOMED CT. */
export const LAB_ORDER_CATEGORIES = `${systems.orderable}|lab,${systems.serviceRequestCategory}|${SNOMED_LAB_PROCEDURE}`;

/** The organisation's catalogue entry behind a lab order, by our orderable code (retired entries too). */
export function orderableOf(sr: ServiceRequest | undefined, catalogue: Catalogue): Orderable | undefined {
  const code = sr?.code?.coding?.find((c) => c.system === systems.orderable)?.code;
  return code ? catalogue.find(code) : undefined;
}

/** How an order asks for a fast: `ServiceRequest.orderDetail` with this code, the hours in its text. */
export const FASTING_ORDER_DETAIL = { system: 'urn:allied:order-detail', code: 'fasting-required', display: 'Fasting required' } as const;

/**
 * Whether the patient must fast before this draw, and for how many hours when the order or the
 * catalogue says: the catalogue entry (fasting glucose always) or the clinician's flag on this one
 * order (a lipid panel for high triglycerides, DOMAIN.md A.8 "make fasting a per-order flag").
 */
export function fastingOf(sr: ServiceRequest | undefined, orderable: Orderable | undefined): { hours?: number; perOrder: boolean } | undefined {
  const detail = sr?.orderDetail?.find((d) => d.coding?.some((c) => c.system === FASTING_ORDER_DETAIL.system && c.code === FASTING_ORDER_DETAIL.code));
  if (detail) {
    const hours = Number(/(\d+(?:\.\d+)?)\s*h/.exec(detail.text ?? '')?.[1]);
    return { hours: Number.isFinite(hours) && hours > 0 ? hours : orderable?.fastingHours, perOrder: true };
  }
  return orderable?.fasting ? { hours: orderable.fastingHours, perOrder: false } : undefined;
}
