import { ADDRESS, hlLoop, loop, nameLoop, seg, type TransactionRule } from './rules.js';

// 005010X222A1 Health Care Claim: Professional. Loops and limits from the TR3 tables.
const otherPayer = loop('2320', 'Other subscriber information', 'S', 10, [
  seg('SBR', 'R'), seg('CAS', 'S', 5), seg('AMT', 'S', 3), seg('OI', 'R'), seg('MOA', 'S'),
  nameLoop('2330A', 'Other subscriber name', 'R', ['IL'], [...ADDRESS, seg('REF', 'S')]),
  nameLoop('2330B', 'Other payer name', 'R', ['PR'], [...ADDRESS, seg('DTP', 'S'), seg('REF', 'S', 6)]),
  nameLoop('2330C', 'Other payer referring provider', 'S', ['DN', 'P3'], [seg('REF', 'R', 3)], 2),
  nameLoop('2330D', 'Other payer rendering provider', 'S', ['82'], [seg('REF', 'R', 3)]),
  nameLoop('2330E', 'Other payer service facility location', 'S', ['77'], [seg('REF', 'R', 3)]),
  nameLoop('2330F', 'Other payer supervising provider', 'S', ['DQ'], [seg('REF', 'R', 3)]),
  nameLoop('2330G', 'Other payer billing provider', 'S', ['85'], [seg('REF', 'R', 2)]),
]);

const serviceLine = loop('2400', 'Service line', 'R', 50, [
  seg('LX', 'R'), seg('SV1', 'R'), seg('SV5', 'S'), seg('PWK', 'S', 10), seg('CR1', 'S'), seg('CR3', 'S'), seg('CRC', 'S', 3),
  seg('DTP', 'S', 10), seg('QTY', 'S', 2), seg('MEA', 'S', 5), seg('CN1', 'S'), seg('REF', 'S', 20), seg('AMT', 'S', 2),
  seg('K3', 'S', 10), seg('NTE', 'S', 2), seg('PS1', 'S'), seg('HCP', 'S'),
  loop('2410', 'Drug identification', 'S', 1, [seg('LIN', 'R'), seg('CTP', 'R'), seg('REF', 'S')]),
  nameLoop('2420A', 'Rendering provider', 'S', ['82'], [seg('PRV', 'S'), seg('REF', 'S', 20)]),
  nameLoop('2420B', 'Purchased service provider', 'S', ['QB'], [seg('REF', 'S', 20)]),
  nameLoop('2420C', 'Service facility location', 'S', ['77'], [...ADDRESS, seg('REF', 'S', 3)]),
  nameLoop('2420D', 'Supervising provider', 'S', ['DQ'], [seg('REF', 'S', 20)]),
  nameLoop('2420E', 'Ordering provider', 'S', ['DK'], [...ADDRESS, seg('REF', 'S', 20), seg('PER', 'S')]),
  nameLoop('2420F', 'Referring provider', 'S', ['DN', 'P3'], [seg('REF', 'S', 20)], 2),
  nameLoop('2420G', 'Ambulance pick-up location', 'S', ['PW'], ADDRESS),
  nameLoop('2420H', 'Ambulance drop-off location', 'S', ['45'], ADDRESS),
  loop('2430', 'Line adjudication information', 'S', 15, [seg('SVD', 'R'), seg('CAS', 'S', 5), seg('DTP', 'R'), seg('AMT', 'S')]),
  loop('2440', 'Form identification code', 'S', -1, [seg('LQ', 'R'), seg('FRM', 'R', 99)]),
]);

export const claim2300P = loop('2300', 'Claim information', 'S', 100, [
  seg('CLM', 'R'), seg('DTP', 'S', 20), seg('PWK', 'S', 10), seg('CN1', 'S'), seg('AMT', 'S'), seg('REF', 'S', 20), seg('K3', 'S', 10),
  seg('NTE', 'S'), seg('CR1', 'S'), seg('CR2', 'S'), seg('CRC', 'S', 8), seg('HI', 'R', 4), seg('HCP', 'S'),
  nameLoop('2310A', 'Referring provider', 'S', ['DN', 'P3'], [seg('REF', 'S', 3)], 2),
  nameLoop('2310B', 'Rendering provider', 'S', ['82'], [seg('PRV', 'S'), seg('REF', 'S', 4)]),
  nameLoop('2310C', 'Service facility location', 'S', ['77'], [...ADDRESS, seg('REF', 'S', 3), seg('PER', 'S')]),
  nameLoop('2310D', 'Supervising provider', 'S', ['DQ'], [seg('REF', 'S', 4)]),
  nameLoop('2310E', 'Ambulance pick-up location', 'S', ['PW'], ADDRESS),
  nameLoop('2310F', 'Ambulance drop-off location', 'S', ['45'], ADDRESS),
  otherPayer,
  serviceLine,
]);

export const x837p: TransactionRule = {
  type: '837',
  implementations: ['005010X222A1', '005010X222'],
  name: '837 Professional (005010X222A1)',
  root: loop('ST', 'Transaction set header', 'R', 1, [
    seg('ST', 'R'), seg('BHT', 'R'),
    nameLoop('1000A', 'Submitter name', 'R', ['41'], [seg('PER', 'R', 2)]),
    nameLoop('1000B', 'Receiver name', 'R', ['40']),
    hlLoop('2000A', 'Billing provider', 'R', '20', [
      seg('PRV', 'S'), seg('CUR', 'S'),
      nameLoop('2010AA', 'Billing provider name', 'R', ['85'], [seg('N3', 'R'), seg('N4', 'R'), seg('REF', 'S', 3), seg('PER', 'S', 2)]),
      nameLoop('2010AB', 'Pay-to address', 'S', ['87'], [seg('N3', 'R'), seg('N4', 'R')]),
      nameLoop('2010AC', 'Pay-to plan', 'S', ['PE'], [...ADDRESS, seg('REF', 'S', 2)]),
      hlLoop('2000B', 'Subscriber', 'R', '22', [
        seg('SBR', 'R'), seg('PAT', 'S'),
        nameLoop('2010BA', 'Subscriber name', 'R', ['IL'], [...ADDRESS, seg('DMG', 'S'), seg('REF', 'S', 2), seg('PER', 'S')]),
        nameLoop('2010BB', 'Payer name', 'R', ['PR'], [...ADDRESS, seg('REF', 'S', 5)]),
        claim2300P,
        hlLoop('2000C', 'Patient', 'S', '23', [
          seg('PAT', 'R'),
          nameLoop('2010CA', 'Patient name', 'R', ['QC'], [seg('N3', 'R'), seg('N4', 'R'), seg('DMG', 'R'), seg('REF', 'S', 2), seg('PER', 'S')]),
          claim2300P,
        ]),
      ]),
    ]),
    seg('SE', 'R'),
  ]),
};
