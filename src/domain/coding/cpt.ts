import { DomainInputError } from '../errors.js';
import { checkKey, fieldsOf, requiredEnum, requiredNumber } from '../validate.js';

/*
 * Procedure code links, DOMAIN.md D.1 [CPT-CMS-RT], [CXR-CODES], [CODING-94640] (STANDARD code numbers).
 * CPT descriptors are AMA-copyrighted: this table holds code numbers and our own short labels only.
 * HCPCS Level II texts are public, but we keep our own short labels for them too.
 */

export interface ProcedureCode {
  code: string;
  system: 'CPT' | 'HCPCS';
  /** Our own short label (not the official descriptor). */
  label: string;
}

const cpt = (code: string, label: string): ProcedureCode => ({ code, system: 'CPT', label });
const hcpcs = (code: string, label: string): ProcedureCode => ({ code, system: 'HCPCS', label });

export const procedureCodes: Readonly<Record<string, ProcedureCode>> = Object.fromEntries(
  [
    cpt('36415', 'Venipuncture, routine'),
    cpt('36416', 'Capillary blood collection'),
    cpt('36600', 'Arterial puncture for sample'),
    hcpcs('G0471', 'Venipuncture in SNF or for home health agency'),
    hcpcs('P9603', 'Specimen collection travel, per mile'),
    hcpcs('P9604', 'Specimen collection travel, flat trip'),
    cpt('71045', 'Chest X-ray, 1 view'),
    cpt('71046', 'Chest X-ray, 2 views'),
    cpt('71047', 'Chest X-ray, 3 views'),
    cpt('71048', 'Chest X-ray, 4+ views'),
    cpt('71250', 'CT chest, no contrast'),
    cpt('71260', 'CT chest, with contrast'),
    cpt('71270', 'CT chest, without then with contrast'),
    cpt('71271', 'Low-dose CT, lung screening'),
    cpt('71275', 'CT angiography, chest'),
    hcpcs('R0070', 'Portable X-ray transport, one patient'),
    hcpcs('R0075', 'Portable X-ray transport, several patients'),
    hcpcs('Q0092', 'Portable X-ray set-up'),
    cpt('94640', 'Inhaled treatment (neb/MDI) or sputum induction'),
    cpt('94644', 'Continuous inhaled treatment, first hour'),
    cpt('94645', 'Continuous inhaled treatment, each added hour'),
    cpt('94664', 'Inhaler/nebuliser demonstration or evaluation'),
    cpt('94002', 'Ventilator management, hospital, first day'),
    cpt('94003', 'Ventilator management, hospital, later day'),
    cpt('94004', 'Ventilator management, nursing facility, per day'),
    cpt('94660', 'CPAP/NIV initiation and management'),
    cpt('94662', 'Negative-pressure ventilation management'),
    cpt('94760', 'Pulse oximetry, single reading'),
    cpt('94761', 'Pulse oximetry, multiple readings'),
    cpt('94762', 'Pulse oximetry, continuous overnight'),
    cpt('94010', 'Spirometry'),
    cpt('94060', 'Spirometry before and after bronchodilator'),
    cpt('94618', 'Pulmonary stress test (e.g. 6-minute walk)'),
    cpt('94667', 'Chest-wall manipulation, first'),
    cpt('94668', 'Chest-wall manipulation, subsequent'),
    cpt('94669', 'Mechanical chest-wall oscillation'),
    cpt('31500', 'Emergency intubation'),
    cpt('31720', 'Tracheal suctioning'),
    cpt('82803', 'Blood gas analysis'),
  ].map((p) => [p.code, p]),
);

export const ctChestContrast = ['without', 'with', 'without_then_with'] as const;
export const ventilationSettings = ['hospital', 'nursing_facility', 'emergency_department'] as const;
export const ventilationDays = ['initial', 'subsequent'] as const;
export const pulseOximetryTypes = ['single', 'multiple', 'overnight'] as const;

/** Views in the signed report: 1 -> 71045, 2 -> 71046, 3 -> 71047, 4+ -> 71048. */
export function cptChestRadiograph(input: { views: number }): string {
  const views = requiredNumber(fieldsOf(input, 'cptChestRadiograph'), 'views', { min: 1, max: 50, integer: true, unit: 'views in the signed report' });
  return views >= 4 ? '71048' : (['71045', '71046', '71047'] as const)[views - 1];
}

const ctChest: Record<(typeof ctChestContrast)[number], string> = { without: '71250', with: '71260', without_then_with: '71270' };
export function cptCtChest(input: { contrast: (typeof ctChestContrast)[number] }): string {
  return ctChest[requiredEnum(fieldsOf(input, 'cptCtChest'), 'contrast', ctChestContrast)];
}

/**
 * Hospital initial day 94002, later days 94003, nursing facility 94004. ED ventilator management has no
 * separate code (it is part of the ED visit): null.
 */
export function cptVentilationManagement(input: { setting: (typeof ventilationSettings)[number]; day?: (typeof ventilationDays)[number] }): string | null {
  const o = fieldsOf(input, 'cptVentilationManagement');
  const setting = requiredEnum(o, 'setting', ventilationSettings);
  if (setting === 'emergency_department') return null;
  if (setting === 'nursing_facility') return '94004';
  if (o.day === undefined) throw new DomainInputError('day', '"initial" or "subsequent" for hospital ventilator management', undefined);
  return requiredEnum(o, 'day', ventilationDays) === 'initial' ? '94002' : '94003';
}

const oximetry: Record<(typeof pulseOximetryTypes)[number], string> = { single: '94760', multiple: '94761', overnight: '94762' };
export function cptPulseOximetry(input: { type: (typeof pulseOximetryTypes)[number] }): string {
  return oximetry[requiredEnum(fieldsOf(input, 'cptPulseOximetry'), 'type', pulseOximetryTypes)];
}

/** Service -> code (D.1 respiratory and collection rows). */
export const serviceCodes: Readonly<Record<string, string>> = {
  nebulizer_treatment: '94640',
  mdi_treatment: '94640',
  sputum_induction: '94640',
  continuous_nebulization_first_hour: '94644',
  continuous_nebulization_additional_hour: '94645',
  inhaler_demonstration: '94664',
  cpap: '94660',
  niv: '94660',
  negative_pressure_ventilation: '94662',
  emergency_intubation: '31500',
  tracheal_suctioning: '31720',
  spirometry: '94010',
  spirometry_pre_post_bronchodilator: '94060',
  six_minute_walk: '94618',
  chest_wall_manipulation_initial: '94667',
  chest_wall_manipulation_subsequent: '94668',
  chest_wall_oscillation_vest: '94669',
  venipuncture: '36415',
  capillary: '36416',
  arterial_puncture: '36600',
  blood_gas_analysis: '82803',
};

export function cptForService(input: { service: string }): string {
  const o = fieldsOf(input, 'cptForService');
  return serviceCodes[checkKey(serviceCodes, o.service, 'service', 'service')];
}
