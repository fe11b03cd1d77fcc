import { ADDRESS, hlLoop, loop, nameLoop, seg, type TransactionRule } from './rules.js';

// 005010X223A2 Health Care Claim: Institutional.
const otherPayer = loop('2320', 'Other subscriber information', 'S', 10, [
  seg('SBR', 'R'), seg('CAS', 'S', 5), seg('AMT', 'S', 3), seg('OI', 'R'), seg('MIA', 'S'), seg('MOA', 'S'),
  nameLoop('2330A', 'Other subscriber name', 'R', ['IL'], [...ADDRESS, seg('REF', 'S')]),
  nameLoop('2330B', 'Other payer name', 'R', ['PR'], [...ADDRESS, seg('DTP', 'S'), seg('REF', 'S', 6)]),
  nameLoop('2330C', 'Other payer attending provider', 'S', ['71'], [seg('REF', 'R', 3)]),
  nameLoop('2330D', 'Other payer operating physician', 'S', ['72'], [seg('REF', 'R', 3)]),
  nameLoop('2330E', 'Other payer other operating physician', 'S', ['ZZ'], [seg('REF', 'R', 3)]),
  nameLoop('2330F', 'Other payer service facility location', 'S', ['77'], [seg('REF', 'R', 3)]),
  nameLoop('2330G', 'Other payer rendering provider', 'S', ['82'], [seg('REF', 'R', 3)]),
  nameLoop('2330H', 'Other payer referring provider', 'S', ['DN'], [seg('REF', 'R', 3)]),
  nameLoop('2330I', 'Other payer billing provider', 'S', ['85'], [seg('REF', 'R', 2)]),
]);

const serviceLine = loop('2400', 'Service line', 'R', 999, [
  seg('LX', 'R'), seg('SV2', 'R'), seg('PWK', 'S', 10), seg('DTP', 'S'), seg('REF', 'S', 3), seg('AMT', 'S', 2), seg('NTE', 'S'), seg('HCP', 'S'),
  loop('2410', 'Drug identification', 'S', 1, [seg('LIN', 'R'), seg('CTP', 'R'), seg('REF', 'S')]),
  nameLoop('2420A', 'Operating physician', 'S', ['72'], [seg('REF', 'S', 20)]),
  nameLoop('2420B', 'Other operating physician', 'S', ['ZZ'], [seg('REF', 'S', 20)]),
  nameLoop('2420C', 'Rendering provider', 'S', ['82'], [seg('REF', 'S', 20)]),
  nameLoop('2420D', 'Referring provider', 'S', ['DN'], [seg('REF', 'S', 20)]),
  loop('2430', 'Line adjudication information', 'S', 15, [seg('SVD', 'R'), seg('CAS', 'S', 5), seg('DTP', 'R'), seg('AMT', 'S')]),
]);

const claim = loop('2300', 'Claim information', 'S', 100, [
  seg('CLM', 'R'), seg('DTP', 'S', 20), seg('CL1', 'S'), seg('PWK', 'S', 10), seg('CN1', 'S'), seg('AMT', 'S'), seg('REF', 'S', 20),
  seg('K3', 'S', 10), seg('NTE', 'S', 11), seg('CRC', 'S'), seg('HI', 'R', 30), seg('HCP', 'S'),
  nameLoop('2310A', 'Attending provider', 'S', ['71'], [seg('PRV', 'S'), seg('REF', 'S', 4)]),
  nameLoop('2310B', 'Operating physician', 'S', ['72'], [seg('REF', 'S', 4)]),
  nameLoop('2310C', 'Other operating physician', 'S', ['ZZ'], [seg('REF', 'S', 4)]),
  nameLoop('2310D', 'Rendering provider', 'S', ['82'], [seg('REF', 'S', 4)]),
  nameLoop('2310E', 'Service facility location', 'S', ['77'], [...ADDRESS, seg('REF', 'S', 3)]),
  nameLoop('2310F', 'Referring provider', 'S', ['DN'], [seg('REF', 'S', 3)]),
  otherPayer,
  serviceLine,
]);

export const x837i: TransactionRule = {
  type: '837',
  implementations: ['005010X223A2', '005010X223A1', '005010X223'],
  name: '837 Institutional (005010X223A2)',
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
        seg('SBR', 'R'),
        nameLoop('2010BA', 'Subscriber name', 'R', ['IL'], [...ADDRESS, seg('DMG', 'S'), seg('REF', 'S', 2)]),
        nameLoop('2010BB', 'Payer name', 'R', ['PR'], [...ADDRESS, seg('REF', 'S', 5)]),
        claim,
        hlLoop('2000C', 'Patient', 'S', '23', [
          seg('PAT', 'R'),
          nameLoop('2010CA', 'Patient name', 'R', ['QC'], [seg('N3', 'R'), seg('N4', 'R'), seg('DMG', 'R'), seg('REF', 'S', 2)]),
          claim,
        ]),
      ]),
    ]),
    seg('SE', 'R'),
  ]),
};
