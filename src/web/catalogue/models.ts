/** The catalogue editor's types (docs/api.md "Test catalogue"). */
export type OrderableKind = 'lab' | 'imaging' | 'respiratory';
export type SpecimenHandling = 'ambient' | 'on_ice' | 'refrigerated';

export interface OrderableSpecimen {
  container: string;
  volumeMl: number;
  minVolumeMl?: number;
  pediatricVolumeMl?: number;
  handling?: SpecimenHandling;
  protectFromLight?: boolean;
  deliverWithinMinutes?: number;
  stabilityMinutes?: number;
  additionalContainers?: { container: string; volumeMl: number }[];
}

export interface Orderable {
  code: string;
  display: string;
  kind: OrderableKind;
  performerRole: string;
  coding: { system: string; code: string; display: string }[];
  specimen?: OrderableSpecimen;
  modality?: string;
  defaultDurationMinutes?: number;
  fasting?: boolean;
  fastingHours?: number;
  timing?: { kind: 'peak' | 'trough' | 'clock'; fromMinutes: number; toMinutes: number };
  performingLab?: string;
  labTestCode?: string;
  status?: 'active' | 'retired';
}

export interface ContainerOption {
  code: string;
  display: string;
  capColor: string | null;
  additive: string | null;
  capacityMl: number | null;
}

export interface CatalogueOptions {
  containers: ContainerOption[];
  referenceLabs: { id: string; name: string }[];
  labTests: { code: string; display: string }[];
}

export interface ImportResult {
  imported: number;
  retired: string[];
  total: number;
}
