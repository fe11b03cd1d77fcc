import type { ContainerSpec, DomainConfigOverride, Handling } from '../../domain/index.js';

/** FHIR ServiceRequest.priority codes; only `stat` prints the reversed STAT bar. */
export type LabelPriority = 'routine' | 'urgent' | 'asap' | 'stat';

/** What the bedside print step knows about one container (FHIR-shaped patient fields). */
export interface ContainerLabelInput {
  patient: {
    /** FHIR HumanName: family, then given names; the second given name prints as the middle initial. */
    name: { family?: string | null; given?: readonly string[] | null };
    mrn?: string | null;
    /** YYYY-MM-DD. */
    birthDate?: string | null;
    gender?: 'male' | 'female' | 'other' | 'unknown' | null;
  };
  /** From containerId(accession, tubeNumber); the barcodes carry it. */
  containerId?: string | null;
  /** Container catalogue code (DOMAIN.md A.2), e.g. SST_GOLD. */
  container: string;
  /** Short test names in the tube, e.g. ['CMP', 'LIPID']. */
  tests: readonly string[];
  /** ISO 8601 with offset, stamped at the bedside. */
  collectedAt?: string | null;
  collectorId?: string | null;
  priority?: LabelPriority | null;
  handling?: Handling | readonly Handling[] | null;
  /** Labels to print for this tube; defaults to the site's setting (1). */
  copies?: number | null;
}

export interface ContainerLabelOptions {
  /** IANA zone the collection time is shown in; default: the wall time written in collectedAt. */
  timeZone?: string;
  /** The site's label count per tube when the input gives none (DEFAULT 1). */
  defaultCopies?: number;
  /** The organisation's domain configuration (containers, required label elements). */
  domainConfig?: DomainConfigOverride;
  /** Site containers beyond the seed catalogue, if not passed through domainConfig. */
  containers?: Readonly<Record<string, ContainerSpec>>;
}

/**
 * A label ready to render: every text already formatted and fitted, so the ZPL and PDF renderers
 * only place it (DOMAIN.md A.6 line order, top to bottom).
 */
export interface ContainerLabel {
  copies: number;
  /** Barcode data (Code 128 and DataMatrix): compact container id. */
  containerId: string;
  /** The same id grouped for reading: "A25 0001234 55 01 4". */
  humanReadableId: string;
  accession: string;
  tubeNumber: number;
  /** Line 1: "LAST, FIRST M", cut with a trailing '+' when too long. */
  patientName: string;
  mrn: string | null;
  dateOfBirth: string | null;
  age: string | null;
  sex: 'M' | 'F' | 'O' | 'U' | null;
  /** Line 2, left: "MRN 12345678"; right: "DOB 1980-03-10 45Y F". */
  mrnText: string;
  demographicsText: string;
  /** Local wall time "YYYY-MM-DD HH:mm" (null only where the organisation does not require it). */
  collectedAt: string | null;
  collectorId: string;
  /** Line 5: "Col: 2025-03-10 08:40 jd12". */
  collectionText: string;
  tests: string[];
  /** Line 6: "CMP, LIPID, TSH" (whole names; "+N" counts those left off). */
  testsText: string;
  /** "GOLD SST" */
  containerText: string;
  /** "ON ICE", "PROTECT FROM LIGHT", ... */
  handlingText: string[];
  priority: LabelPriority;
  stat: boolean;
  /** Printed beside the id for urgent/asap; STAT has its bar. */
  priorityText: string | null;
}
