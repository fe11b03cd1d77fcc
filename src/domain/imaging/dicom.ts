import { DomainInputError } from '../errors.js';
import { checkEnum, fieldsOf } from '../validate.js';

/*
 * DICOM Modality Worklist key types (PS3.4 Annex K, Table K.6-1 [DICOM-K]) and MPPS status rules
 * (PS3.4 Annex F [DICOM-F]), DOMAIN.md B.6 (STANDARD).
 */

export const MWL_FIND_SOP_CLASS_UID = '1.2.840.10008.5.1.4.31';
export const MPPS_SOP_CLASS_UID = '1.2.840.10008.3.1.2.3.3';

export type MwlReturnKeyType = '1' | '1C' | '2' | '2C' | '3';

export interface MwlAttribute {
  tag: string;
  name: string;
  /** R = the SCP must support matching on it; O = optional. */
  matching: 'R' | 'O';
  returnType: MwlReturnKeyType;
}

const a = (tag: string, name: string, matching: 'R' | 'O', returnType: MwlReturnKeyType): MwlAttribute => ({ tag, name, matching, returnType });

export const mwlAttributes: readonly MwlAttribute[] = [
  a('(0040,0100)', 'Scheduled Procedure Step Sequence', 'R', '1'),
  a('(0040,0001)', 'Scheduled Station AE Title', 'R', '1'),
  a('(0040,0002)', 'Scheduled Procedure Step Start Date', 'R', '1'),
  a('(0040,0003)', 'Scheduled Procedure Step Start Time', 'R', '1'),
  a('(0008,0060)', 'Modality', 'R', '1'),
  a('(0040,0006)', "Scheduled Performing Physician's Name", 'R', '2'),
  a('(0040,0007)', 'Scheduled Procedure Step Description', 'O', '1C'),
  a('(0040,0010)', 'Scheduled Station Name', 'O', '2'),
  a('(0040,0011)', 'Scheduled Procedure Step Location', 'O', '2'),
  a('(0040,0008)', 'Scheduled Protocol Code Sequence', 'O', '1C'),
  a('(0040,0012)', 'Pre-Medication', 'O', '2C'),
  a('(0040,0009)', 'Scheduled Procedure Step ID', 'O', '1'),
  a('(0032,1070)', 'Requested Contrast Agent', 'O', '2C'),
  a('(0040,1001)', 'Requested Procedure ID', 'O', '1'),
  a('(0032,1060)', 'Requested Procedure Description', 'O', '1C'),
  a('(0020,000D)', 'Study Instance UID', 'O', '1'),
  a('(0040,1003)', 'Requested Procedure Priority', 'O', '2'),
  a('(0008,0050)', 'Accession Number', 'O', '2'),
  a('(0032,1032)', 'Requesting Physician', 'O', '2'),
  a('(0008,0090)', "Referring Physician's Name", 'O', '2'),
  a('(0010,0010)', "Patient's Name", 'R', '1'),
  a('(0010,0020)', 'Patient ID', 'R', '1'),
  a('(0010,0030)', "Patient's Birth Date", 'O', '2'),
  a('(0010,0040)', "Patient's Sex", 'O', '2'),
  a('(0010,1030)', "Patient's Weight", 'O', '2'),
  a('(0010,1020)', "Patient's Size", 'O', '3'),
  a('(0010,21C0)', 'Pregnancy Status', 'O', '2'),
  a('(0010,2000)', 'Medical Alerts', 'O', '2'),
  a('(0010,2110)', 'Allergies', 'O', '2'),
];

const byTag = new Map(mwlAttributes.map((x) => [x.tag, x]));

/** Accepts (0040,0100), 0040,0100 or 00400100 in either case; returns (GGGG,EEEE) upper case. */
function normaliseTag(value: unknown): string {
  const expected = 'a DICOM tag such as (0040,0100) or 00400100';
  if (typeof value !== 'string') throw new DomainInputError('tag', expected, value);
  const m = /^\(?([0-9a-fA-F]{4}),?([0-9a-fA-F]{4})\)?$/.exec(value.trim());
  if (!m) throw new DomainInputError('tag', expected, value);
  return `(${m[1].toUpperCase()},${m[2].toUpperCase()})`;
}

/** The eight matching keys the SCP must support (Table K.6-1 "R"), sorted. */
export function mwlRequiredMatchingKeys(input: Record<string, never> = {}): string[] {
  fieldsOf(input, 'mwlRequiredMatchingKeys');
  return mwlAttributes.filter((x) => x.matching === 'R').map((x) => x.tag).sort();
}

/** Return key type of a worklist attribute. */
export function mwlReturnKeyType(input: { tag: string }): MwlReturnKeyType {
  const o = fieldsOf(input, 'mwlReturnKeyType');
  const tag = normaliseTag(o.tag);
  const attr = byTag.get(tag);
  if (!attr) throw new DomainInputError('tag', 'a tag of the Modality Worklist attribute table (DOMAIN.md B.6)', o.tag);
  return attr.returnType;
}

export const mppsStatuses = ['IN PROGRESS', 'COMPLETED', 'DISCONTINUED'] as const;
export type MppsStatus = (typeof mppsStatuses)[number];

/** Allowed N-SET transitions: only from IN PROGRESS to a final state. */
export const mppsTransitions: readonly (readonly [MppsStatus, MppsStatus])[] = [
  ['IN PROGRESS', 'COMPLETED'],
  ['IN PROGRESS', 'DISCONTINUED'],
];

export function mppsTransitionAllowed(input: { from: MppsStatus; to: MppsStatus }): boolean {
  const o = fieldsOf(input, 'mppsTransitionAllowed');
  const from = checkEnum(o.from, 'from', mppsStatuses);
  const to = checkEnum(o.to, 'to', mppsStatuses);
  return mppsTransitions.some(([f, t]) => f === from && t === to);
}

/** N-CREATE must carry IN PROGRESS. */
export function mppsCreateAllowed(input: { initialStatus: MppsStatus }): boolean {
  const o = fieldsOf(input, 'mppsCreateAllowed');
  return checkEnum(o.initialStatus, 'initialStatus', mppsStatuses) === 'IN PROGRESS';
}
