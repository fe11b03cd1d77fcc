import type { Additive, ContainerSpec, DrawClass } from './models.js';

/*
 * Order of draw and container catalogue.
 * Source: CLSI GP41 as summarised by BD Vacutainer [GP41-BD] and WHO 2010 (DOMAIN.md A.1, STANDARD);
 * capillary order CLSI GP42 [OWEN-MUMFORD] (A.1 rule 4); container volumes and inversions are
 * BD values, DEFAULT seed (A.2).
 */

export interface DrawClassRank {
  drawClass: DrawClass;
  rank: number;
  why: string;
}

/** Venous order of draw (CLSI GP41), A.1. */
export const venousOrderOfDraw: readonly DrawClassRank[] = [
  { drawClass: 'BLOOD_CULTURE', rank: 1, why: 'Sterility: drawn before any non-sterile tube' },
  { drawClass: 'CITRATE', rank: 2, why: 'Most sensitive to carry-over and to fill ratio' },
  { drawClass: 'SERUM', rank: 3, why: 'Clot activator must not reach the coagulation tube' },
  { drawClass: 'HEPARIN', rank: 4, why: 'Heparin would interfere with serum and coagulation tests' },
  { drawClass: 'EDTA', rank: 5, why: 'EDTA carry-over falsely raises K and lowers Ca, ALP, Mg' },
  { drawClass: 'GLYCOLYTIC_INHIBITOR', rank: 6, why: 'Fluoride/oxalate would alter electrolytes and enzymes' },
];

/** Rank given to containers whose additive fits no class: after grey, with a warning (A.1 rule 5). */
export const UNCLASSIFIED_VENOUS_RANK = 7;

/**
 * Capillary (skin puncture) order, CLSI GP42, A.1 rule 4: blood gas, EDTA, other additives
 * (heparin, then fluoride), serum last. Blood cultures and citrate are not skin-puncture containers.
 * Rank 1 is the capillary blood gas, which is not a tube of this catalogue.
 */
export const capillaryOrderOfDraw: readonly DrawClassRank[] = [
  { drawClass: 'EDTA', rank: 2, why: 'Platelets clump quickly in a slowly filling microtube' },
  { drawClass: 'HEPARIN', rank: 3, why: 'Other additive tubes after EDTA' },
  { drawClass: 'GLYCOLYTIC_INHIBITOR', rank: 4, why: 'Other additive tubes after EDTA' },
  { drawClass: 'SERUM', rank: 5, why: 'Serum last: clotting does not matter' },
];

/** Placement by additive for tubes outside the six classes (A.1 rule 5); null = unknown, after grey. */
export const additiveDrawClass: Readonly<Record<Additive, DrawClass | null>> = {
  broth: 'BLOOD_CULTURE',
  sodium_citrate: 'CITRATE',
  none: 'SERUM',
  clot_activator: 'SERUM',
  clot_activator_gel: 'SERUM',
  heparin: 'HEPARIN',
  lithium_heparin_gel: 'HEPARIN',
  k2edta: 'EDTA',
  fluoride_oxalate: 'GLYCOLYTIC_INHIBITOR',
  acd: null,
  other: null,
};

const c = (
  code: string,
  display: string,
  additive: Additive,
  subRank: number,
  capColorBD: string,
  nominalDrawMl: number,
  inversions: [number, number],
  anticoagulated: boolean,
  handlingNotes: string,
): ContainerSpec => ({
  code,
  display,
  additive,
  subRank,
  capColorBD,
  nominalDrawMl,
  capacityMl: nominalDrawMl,
  inversions: { min: inversions[0], max: inversions[1] },
  anticoagulated,
  handlingNotes,
});

/** Container catalogue, DOMAIN.md A.2 (DEFAULT seed; the site's stocked SKUs override it). */
export const containerCatalogue: Readonly<Record<string, ContainerSpec>> = {
  BC_AEROBIC: c('BC_AEROBIC', 'Blood culture bottle, aerobic', 'broth', 1, 'bottle', 10, [8, 10], false, 'Do not refrigerate; deliver within 2 h'),
  BC_ANAEROBIC: c('BC_ANAEROBIC', 'Blood culture bottle, anaerobic', 'broth', 1, 'bottle', 10, [8, 10], false, 'Bottle order depends on the device (A.1 rule 2)'),
  CITRATE_LT_BLUE: c('CITRATE_LT_BLUE', 'Light blue, 3.2 % sodium citrate', 'sodium_citrate', 1, 'light blue', 2.7, [3, 4], true, 'Must be at least 90 % full; never pour tubes together'),
  SERUM_RED: c('SERUM_RED', 'Red, plastic serum (clot activator)', 'clot_activator', 1, 'red', 6.0, [5, 5], false, 'Clot about 60 min before spinning (glass tube: 0 inversions)'),
  SST_GOLD: c('SST_GOLD', 'Gold SST (clot activator + gel)', 'clot_activator_gel', 2, 'gold / tiger', 5.0, [5, 5], false, 'Clot 30 min; centrifuge within 2 h'),
  HEP_DK_GREEN: c('HEP_DK_GREEN', 'Dark green, sodium or lithium heparin', 'heparin', 1, 'dark green', 4.0, [8, 10], true, ''),
  PST_LT_GREEN: c('PST_LT_GREEN', 'Light green PST (lithium heparin + gel)', 'lithium_heparin_gel', 2, 'light green', 4.5, [8, 10], true, 'STAT chemistry: no clotting wait'),
  EDTA_LAVENDER: c('EDTA_LAVENDER', 'Lavender, K2EDTA', 'k2edta', 1, 'lavender', 3.0, [8, 10], true, 'Haematology; do not centrifuge for CBC'),
  EDTA_PINK: c('EDTA_PINK', 'Pink, K2EDTA (blood bank)', 'k2edta', 2, 'pink', 6.0, [8, 10], true, 'Blood bank only; special blood bank label'),
  // Potassium oxalate is an anticoagulant, so a clot in a grey tube also makes it unusable.
  FLUORIDE_GRAY: c('FLUORIDE_GRAY', 'Grey, sodium fluoride + potassium oxalate', 'fluoride_oxalate', 1, 'grey', 4.0, [8, 10], true, 'Glucose, lactate, ethanol'),
};
