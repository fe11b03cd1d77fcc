import type { OrderMessage } from './models.js';

/** A glucose order with every part filled, for tests and demos (no real patient). */
export const sampleOrder: OrderMessage = {
  controlId: 'ALLIED-0001',
  sentAt: '2026-03-01T09:30:00-05:00',
  patient: {
    identifiers: [{ value: 'MRN123', assigningAuthority: 'ALLIED', type: 'MR' }],
    name: { family: "O'Brien|Smith", given: ['Ann', 'Marie'] },
    birthDate: '1980-02-29',
    sex: 'F',
    address: { lines: ['1 Main St'], city: 'Springfield', state: 'IL', postalCode: '62701', country: 'USA' },
  },
  visit: { patientClass: 'O', location: { pointOfCare: 'CLINIC1' } },
  insurance: [{ planId: 'PPO1', companyName: 'Acme Health', policyNumber: 'POL9' }],
  orderingProvider: { id: '1234567893', family: 'Jones', given: 'Sam', assigningAuthority: 'NPI' },
  orders: [
    {
      placerOrderNumber: '42',
      test: { code: '2345-7', display: 'Glucose SerPl-mCnc', system: 'LN' },
      priority: 'S',
      collectedAt: '2026-03-01T09:00:00-05:00',
      specimen: { id: 'TUBE-1', type: { code: 'SER', display: 'Serum', system: 'HL70487' }, collectedAt: '2026-03-01T09:00:00-05:00' },
      diagnoses: [{ code: 'E11.9', display: 'Type 2 diabetes mellitus without complications', system: 'I10C' }],
      notes: ['fasting 10 h\nhemolysis possible'],
    },
  ],
};
