import { systems } from '../../fhir/systems.js';
import type { Orderable, OrderableModality } from './models.js';

/*
 * Imaging orderables.
 * Codes: CPT code numbers from ../shared/DOMAIN.md D.1, each with our own short label (CPT
 * descriptors are AMA-copyrighted: never store them), plus the DICOM modality code
 * (DICOM PS3.3 C.7.3.1.1.1, meanings as published in PS3.16 / the DCM code system).
 */

/** DICOM code meanings for the modality codes we use. */
export const modalityDisplay: Record<OrderableModality, string> = {
  CR: 'Computed Radiography',
  DX: 'Digital Radiography',
  CT: 'Computed Tomography',
  MR: 'Magnetic Resonance',
  US: 'Ultrasound',
  NM: 'Nuclear Medicine',
  XA: 'X-Ray Angiography',
  MG: 'Mammography',
  RF: 'Radio Fluoroscopy',
};

type ImagingRow = [code: string, display: string, cpt: string, cptLabel: string, modality: OrderableModality, minutes: number];

const rows: ImagingRow[] = [
  // Radiography
  ['IMG-XR-CHEST-1V', 'Chest X-ray, 1 view', '71045', 'Chest X-ray, 1 view', 'DX', 10],
  ['IMG-XR-CHEST-2V', 'Chest X-ray, 2 views', '71046', 'Chest X-ray, 2 views', 'DX', 15],
  ['IMG-XR-CHEST-PORT', 'Chest X-ray, portable', '71045', 'Chest X-ray, 1 view', 'CR', 15],
  // CT
  ['IMG-CT-HEAD-WO', 'CT head without contrast', '70450', 'CT head, no contrast', 'CT', 15],
  ['IMG-CT-HEAD-W', 'CT head with contrast', '70460', 'CT head, with contrast', 'CT', 20],
  ['IMG-CT-CSPINE-WO', 'CT cervical spine without contrast', '72125', 'CT cervical spine, no contrast', 'CT', 15],
  ['IMG-CT-CHEST-WO', 'CT chest without contrast', '71250', 'CT chest, no contrast', 'CT', 15],
  ['IMG-CT-CHEST-W', 'CT chest with contrast', '71260', 'CT chest, with contrast', 'CT', 20],
  ['IMG-CTA-CHEST-PE', 'CT angiography chest (PE protocol)', '71275', 'CT angiography, chest', 'CT', 30],
  ['IMG-CT-LUNG-SCREEN', 'Low-dose CT lung cancer screening', '71271', 'Low-dose CT, lung screening', 'CT', 15],
  ['IMG-CT-ABD-PEL-WO', 'CT abdomen/pelvis without contrast', '74176', 'CT abdomen and pelvis, no contrast', 'CT', 20],
  ['IMG-CT-ABD-PEL-W', 'CT abdomen/pelvis with contrast', '74177', 'CT abdomen and pelvis, with contrast', 'CT', 30],
  // MR
  ['IMG-MR-BRAIN-WO', 'MRI brain without contrast', '70551', 'MRI brain, no contrast', 'MR', 45],
  ['IMG-MR-BRAIN-WWO', 'MRI brain without and with contrast', '70553', 'MRI brain, without then with contrast', 'MR', 60],
  ['IMG-MR-LSPINE-WO', 'MRI lumbar spine without contrast', '72148', 'MRI lumbar spine, no contrast', 'MR', 45],
  ['IMG-MR-KNEE-WO', 'MRI knee without contrast', '73721', 'MRI leg joint, no contrast', 'MR', 45],
  // Ultrasound
  ['IMG-US-ABD', 'Ultrasound abdomen, complete', '76700', 'US abdomen, complete', 'US', 45],
  ['IMG-US-RUQ', 'Ultrasound right upper quadrant', '76705', 'US abdomen, limited', 'US', 30],
  ['IMG-US-PELVIS', 'Ultrasound pelvis, non-obstetric', '76856', 'US pelvis, complete', 'US', 30],
  ['IMG-US-OB', 'Obstetric ultrasound, 14 weeks or later', '76805', 'OB ultrasound, 14+ weeks', 'US', 45],
  ['IMG-ECHO-TTE', 'Echocardiogram, transthoracic', '93306', 'Echo, transthoracic, complete', 'US', 60],
  // Mammography
  ['IMG-MG-SCREEN', 'Screening mammogram, bilateral', '77067', 'Screening mammogram, both breasts', 'MG', 20],
  ['IMG-MG-DIAG', 'Diagnostic mammogram, bilateral', '77066', 'Diagnostic mammogram, both breasts', 'MG', 30],
  // Fluoroscopy and angiography
  ['IMG-RF-FLUORO', 'Fluoroscopy study', '76000', 'Fluoroscopy, up to 1 hour', 'RF', 30],
  ['IMG-XA-CARM-OR', 'Intra-operative C-arm fluoroscopy', '76000', 'Fluoroscopy, up to 1 hour', 'XA', 60],
  // Nuclear medicine
  ['IMG-NM-BONE', 'Bone scan, whole body', '78306', 'Bone scan, whole body', 'NM', 60],
  ['IMG-NM-MPI', 'Myocardial perfusion SPECT (rest/stress)', '78452', 'Heart perfusion SPECT, multiple', 'NM', 180],
];

export const imagingOrderables: Orderable[] = rows.map(([code, display, cpt, cptLabel, modality, minutes]) => ({
  code,
  display,
  kind: 'imaging',
  performerRole: 'imaging_technologist',
  coding: [
    { system: systems.cpt, code: cpt, display: cptLabel },
    { system: systems.dicomModality, code: modality, display: modalityDisplay[modality] },
  ],
  modality,
  defaultDurationMinutes: minutes,
}));
