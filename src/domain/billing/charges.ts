import { cptChestRadiograph, cptPulseOximetry } from '../coding/cpt.js';
import { DomainInputError } from '../errors.js';
import { reason, type Reason } from '../reasons.js';
import { checkNumber, fieldsOf, optionalBoolean, requiredEnum, type Fields } from '../validate.js';

/*
 * Clinical event -> charge codes, DOMAIN.md D.3 (suggested triggers and their guard rails).
 * Payer rules (NCCI, MUEs, OPPS packaging) change yearly and belong in loaded data, not here.
 */

export const chargeEvents = [
  'venipuncture_collection',
  'capillary_collection',
  'rt_aerosol_treatment',
  'continuous_nebulization',
  'inhaler_teaching',
  'ventilator_day',
  'niv_cpap_started',
  'oximetry',
  'portable_xray_nursing_home',
] as const;
export type ChargeEvent = (typeof chargeEvents)[number];

export interface ChargeSuggestion {
  codes: string[];
  /** What a biller must still check (D.3 guard rails). */
  guardRails: Reason[];
}

export const chargeGuardRails: Readonly<Record<ChargeEvent, string>> = {
  venipuncture_collection: 'Once per patient encounter; suppress duplicates; no charge when nursing draws from an existing line per payer rule',
  capillary_collection: 'Once per collection',
  rt_aerosol_treatment: 'Once per encounter; modifier 76 for separate encounters when the payer allows; continuous nebulisation uses 94644/94645',
  continuous_nebulization: 'Not with 94640 for the same episode',
  inhaler_teaching: 'Once per day; requires documented teach-back',
  ventilator_day: 'First calendar day 94002, later days 94003; physicians may not bill these with an E/M the same day',
  niv_cpap_started: 'At initiation',
  oximetry: 'Often packaged under OPPS: still capture for statistics',
  portable_xray_nursing_home: 'R0075 splits transport across the patients seen on one trip',
};

function positiveInt(o: Fields, field: string, expected: string): number {
  if (o[field] === undefined) throw new DomainInputError(field, expected, undefined);
  return checkNumber(o[field], field, { min: 1, max: 100, integer: true });
}

/** Suggested codes for one documented clinical event (D.3). */
export function chargeCodesForEvent(input: {
  event: ChargeEvent;
  alreadyChargedThisEncounter?: boolean;
  ventilatorDayNumber?: number;
  additionalHours?: number;
  oximetryType?: 'single' | 'multiple' | 'overnight';
  views?: number;
  patientsOnTrip?: number;
}): ChargeSuggestion {
  const o = fieldsOf(input, 'chargeCodesForEvent');
  const event = requiredEnum(o, 'event', chargeEvents);
  const guardRails = [reason(`GUARD_${event.toUpperCase()}`, chargeGuardRails[event])];
  const once = optionalBoolean(o, 'alreadyChargedThisEncounter') === true;
  switch (event) {
    case 'venipuncture_collection':
    case 'rt_aerosol_treatment':
      if (once) return { codes: [], guardRails: [reason('ALREADY_CHARGED', 'Already charged in this encounter'), ...guardRails] };
      return { codes: [event === 'venipuncture_collection' ? '36415' : '94640'], guardRails };
    case 'capillary_collection':
      return { codes: ['36416'], guardRails };
    case 'continuous_nebulization': {
      const extra = o.additionalHours === undefined ? 0 : checkNumber(o.additionalHours, 'additionalHours', { min: 0, max: 48, integer: true });
      return { codes: ['94644', ...Array.from({ length: extra }, () => '94645')], guardRails };
    }
    case 'inhaler_teaching':
      if (once) return { codes: [], guardRails: [reason('ALREADY_CHARGED', 'Already charged today'), ...guardRails] };
      return { codes: ['94664'], guardRails };
    case 'ventilator_day':
      return { codes: [positiveInt(o, 'ventilatorDayNumber', 'the calendar day of ventilation (1 = first)') === 1 ? '94002' : '94003'], guardRails };
    case 'niv_cpap_started':
      return { codes: ['94660'], guardRails };
    case 'oximetry':
      return { codes: [cptPulseOximetry({ type: o.oximetryType as 'single' })], guardRails };
    case 'portable_xray_nursing_home': {
      const exam = cptChestRadiograph({ views: o.views as number });
      const patients = positiveInt(o, 'patientsOnTrip', 'the number of patients seen on this trip (1 or more)');
      return { codes: [exam, patients === 1 ? 'R0070' : 'R0075', 'Q0092'], guardRails };
    }
  }
}
