import { containerId, formatAccession } from './accession.js';
import type { ContainerLabelInput } from './models.js';

/** Accession A25 0001234 55, tube 1: "A25000123455014". */
export const ACCESSION = formatAccession({ sequence: 1234, date: '2025-03-10' });
export const CONTAINER_ID = containerId(ACCESSION, 1);

/** A complete bedside label input (DOMAIN.md A.6 sample: CMP, LIPID, TSH in a gold SST). */
export function labelInput(overrides: Partial<ContainerLabelInput> = {}): ContainerLabelInput {
  return {
    patient: { name: { family: 'Doe', given: ['Jane', 'Marie'] }, mrn: '12345678', birthDate: '1980-03-10', gender: 'female' },
    containerId: CONTAINER_ID,
    container: 'SST_GOLD',
    tests: ['CMP', 'LIPID', 'TSH'],
    collectedAt: '2025-03-10T08:40:00-05:00',
    collectorId: 'jd12',
    priority: 'routine',
    ...overrides,
  };
}
