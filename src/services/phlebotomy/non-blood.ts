import type { ContainerSpec } from '../../domain/index.js';

/*
 * Specimens that are not blood tubes (DOMAIN.md A.9): what the patient or collector does, how the
 * specimen travels, and how long it keeps. Keyed by the catalogue's non-blood container codes.
 */

export type SpecimenKind = 'urine' | 'swab' | 'sputum' | 'stool' | 'blood-gas';

export interface NonBloodSpecimen {
  container: string;
  kind: SpecimenKind;
  display: string;
  /** the collection essentials, shown at the bedside */
  instructions: string;
  transport: string;
  /** minutes from collection before it must reach the lab (unrefrigerated), DEFAULT */
  stabilityMinutes: number;
  /** printed before the container code on the label, e.g. "MIDSTREAM URINE_CUP" */
  labelNote: string;
}

const rows: NonBloodSpecimen[] = [
  {
    container: 'URINE_CUP', kind: 'urine', display: 'Urine cup (clean-catch midstream)',
    instructions: 'Clean-catch midstream: cleanse, void the first portion into the toilet, collect the midstream into the cup, cap it tightly.',
    transport: 'Deliver within 2 h or refrigerate', stabilityMinutes: 120, labelNote: 'MIDSTREAM',
  },
  {
    container: 'URINE_STERILE_CUP', kind: 'urine', display: 'Sterile urine cup (culture)',
    instructions: 'Clean-catch midstream into the sterile cup, or from the catheter sampling port (never from the bag). Do not touch the inside of the cup or lid.',
    transport: 'Culture: plate within 2 h, or refrigerate (24 h), or boric-acid tube (48 h)', stabilityMinutes: 120, labelNote: 'CULTURE',
  },
  {
    container: 'SPUTUM_STERILE_CUP', kind: 'sputum', display: 'Sterile sputum cup',
    instructions: 'Early morning, before antibiotics: rinse the mouth with water, then a deep cough from the chest into the cup. Saliva is rejected (> 10 squamous cells per low-power field).',
    transport: 'Within 2 h at room temperature, else refrigerate (24 h)', stabilityMinutes: 120, labelNote: 'DEEP COUGH',
  },
  {
    container: 'SWAB_VTM', kind: 'swab', display: 'Flocked swab in viral transport medium',
    instructions: 'Flocked swab with a plastic shaft (no calcium alginate or wood). Nasopharyngeal: along the floor of the nose to the nasopharynx, rotate, withdraw; break into the medium and cap. Check the medium is in date.',
    transport: 'In transport medium at 2-8 °C; test within the assay window (e.g. 72 h)', stabilityMinutes: 72 * 60, labelNote: 'NP SWAB',
  },
  {
    container: 'STOOL_CUP', kind: 'stool', display: 'Stool container',
    instructions: 'Pass stool into a clean dry pan or collection hat (not the toilet water, no urine); fill the container with the scoop to the line.',
    transport: 'Deliver within 2 h or refrigerate', stabilityMinutes: 120, labelNote: 'SCOOP TO LINE',
  },
  {
    container: 'STOOL_OP_VIAL', kind: 'stool', display: 'Stool vial with fixative (O&P kit)',
    instructions: 'Pass stool into a clean dry pan or collection hat (no urine, not from the toilet water); within 1 h scoop it into the fixative vial up to the fill line, do not overfill, cap tightly and shake to mix. One specimen per day.',
    transport: 'In fixative at room temperature; do not refrigerate', stabilityMinutes: 7 * 24 * 60, labelNote: 'O&P FIXATIVE',
  },
];

const byContainer = new Map(rows.map((r) => [r.container, r]));

/** The non-blood specimen for a container code, or undefined for a blood tube (or the blood-gas syringe, drawn by RT). */
export function nonBloodSpecimen(container: string | undefined): NonBloodSpecimen | undefined {
  return container ? byContainer.get(container) : undefined;
}

export const nonBloodSpecimens: readonly NonBloodSpecimen[] = rows;

/** A label-printer container entry for the non-blood containers (no additive, nothing to invert). */
export const nonBloodLabelContainers: Readonly<Record<string, ContainerSpec>> = Object.fromEntries(
  rows.map((r) => [r.container, { code: r.container, display: r.display, additive: 'none', subRank: 1, capColorBD: r.labelNote, nominalDrawMl: 1, capacityMl: 1, inversions: { min: 0, max: 0 }, anticoagulated: false, handlingNotes: r.transport }]),
);
