import { systems } from '../../fhir/systems.js';
import type { Orderable, OrderableCoding, OrderableSpecimen } from './models.js';
import { nonBloodContainers } from './lab.js';

/*
 * Respiratory-therapy orderables.
 * Codes: CPT code numbers from ../shared/DOMAIN.md D.1 with our own short labels (never the AMA
 * descriptor). Services without their own CPT code (oxygen therapy, incentive-spirometry and
 * peak-flow teaching) are packaged into the room or visit charge, so they carry no CPT coding.
 */

type RtRow = [code: string, display: string, cpt: string | null, cptLabel: string, minutes: number];

const rows: RtRow[] = [
  ['RT-NEB', 'Nebulizer treatment', '94640', 'Inhaled treatment, airway obstruction', 20],
  ['RT-NEB-CONT', 'Continuous nebulizer, first hour', '94644', 'Continuous inhaled treatment, 1st hour', 60],
  ['RT-MDI-TEACH', 'Inhaler technique teaching', '94664', 'Inhaler or nebulizer demonstration', 20],
  ['RT-VENT-INITIAL', 'Ventilator management, initial day', '94002', 'Vent management, inpatient, 1st day', 30],
  ['RT-VENT-SUBSEQ', 'Ventilator management, subsequent day', '94003', 'Vent management, inpatient, later day', 20],
  ['RT-CPAP', 'CPAP/BiPAP initiation and management', '94660', 'CPAP initiation and management', 30],
  ['RT-SPO2-SPOT', 'Pulse oximetry, spot check', '94760', 'Pulse oximetry, single reading', 5],
  ['RT-SPO2-EXERTION', 'Pulse oximetry with exertion', '94761', 'Pulse oximetry, multiple readings', 20],
  ['RT-SPO2-OVERNIGHT', 'Overnight continuous oximetry', '94762', 'Pulse oximetry, overnight', 480],
  ['RT-ABG', 'Arterial blood gas draw', '36600', 'Arterial puncture', 15],
  ['RT-INCENTIVE-SPIRO', 'Incentive spirometry teaching', null, '', 15],
  ['RT-O2', 'Oxygen therapy', null, '', 10],
  ['RT-AIRWAY-CLEARANCE', 'Airway clearance, chest physiotherapy', '94667', 'Chest wall manipulation, initial', 30],
  ['RT-AIRWAY-VEST', 'Airway clearance, oscillation vest', '94669', 'Mechanical chest wall oscillation', 30],
  ['RT-SPIROMETRY', 'Spirometry', '94010', 'Spirometry', 30],
  ['RT-SPIROMETRY-BD', 'Spirometry before and after bronchodilator', '94060', 'Spirometry, pre/post bronchodilator', 45],
  ['RT-PEAK-FLOW-TEACH', 'Peak-flow meter teaching', null, '', 15],
  ['RT-6MWT', 'Six-minute walk test', '94618', 'Pulmonary stress test', 30],
  ['RT-SUCTION', 'Nasotracheal suctioning', '31720', 'Nasotracheal aspiration', 15],
];

/** The arterial sample the RT draws is analysed by the lab as a blood-gas panel (DOMAIN.md A.9). */
const abgExtras: { coding: OrderableCoding[]; specimen: OrderableSpecimen } = {
  coding: [{ system: systems.loinc, code: '24336-0', display: 'Gas panel - Arterial blood' }],
  specimen: { container: nonBloodContainers.bloodGasSyringe, volumeMl: 1.0, handling: 'ambient' },
};

export const respiratoryOrderables: Orderable[] = rows.map(([code, display, cpt, cptLabel, minutes]) => {
  const coding: OrderableCoding[] = cpt ? [{ system: systems.cpt, code: cpt, display: cptLabel }] : [];
  const item: Orderable = { code, display, kind: 'respiratory', performerRole: 'respiratory_therapist', coding, defaultDurationMinutes: minutes };
  if (code === 'RT-ABG') {
    item.coding = [...coding, ...abgExtras.coding];
    item.specimen = abgExtras.specimen;
  }
  return item;
});
