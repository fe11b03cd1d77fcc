import type { ServiceRequest } from '@medplum/fhirtypes';
import { systems } from '../../fhir/systems.js';
import type { Orderable } from '../catalogue/models.js';
import type { Catalogue } from '../catalogue/store.js';

/** The organisation's catalogue entry behind a lab order, by our orderable code (retired entries too). */
export function orderableOf(sr: ServiceRequest | undefined, catalogue: Catalogue): Orderable | undefined {
  const code = sr?.code?.coding?.find((c) => c.system === systems.orderable)?.code;
  return code ? catalogue.find(code) : undefined;
}
