import { hlLoop, loop, nameLoop, seg, type TransactionRule } from './rules.js';

const statusDetail = (id: string, usage: 'R' | 'S'): ReturnType<typeof loop> =>
  loop(id, 'Claim status tracking', usage, -1, [seg('TRN', 'R'), seg('STC', 'S', -1), seg('REF', 'S', 5), seg('QTY', 'S', 2), seg('AMT', 'S', 2), seg('DTP', 'S', 2)]);
const serviceDetail = (id: string): ReturnType<typeof loop> =>
  loop(id, 'Service line information', 'S', -1, [seg('SVC', 'R'), seg('STC', 'R', -1), seg('REF', 'S', 2), seg('DTP', 'S')]);

// 005010X214 Health Care Claim Acknowledgment (277CA).
export const x277ca: TransactionRule = {
  type: '277',
  implementations: ['005010X214'],
  name: '277CA Claim Acknowledgment (005010X214)',
  root: loop('ST', 'Transaction set header', 'R', 1, [
    seg('ST', 'R'), seg('BHT', 'R'),
    hlLoop('2000A', 'Information source', 'R', '20', [
      nameLoop('2100A', 'Information source name', 'R', ['AY', 'PR']),
      loop('2200A', 'Transmission receipt control', 'R', 1, [seg('TRN', 'R'), seg('DTP', 'R', 2)]),
      hlLoop('2000B', 'Information receiver', 'R', '21', [
        nameLoop('2100B', 'Information receiver name', 'R', ['41']),
        loop('2200B', 'Information receiver application trace', 'R', 1, [seg('TRN', 'R'), seg('STC', 'R', -1), seg('QTY', 'S', 2), seg('AMT', 'S', 2)]),
        hlLoop('2000C', 'Billing provider of service', 'S', '19', [
          nameLoop('2100C', 'Billing provider name', 'R', ['85']),
          loop('2200C', 'Provider of service trace', 'S', 1, [seg('TRN', 'R'), seg('STC', 'S', -1), seg('REF', 'S', 3), seg('QTY', 'S', 2), seg('AMT', 'S', 2)]),
          hlLoop('2000D', 'Patient', 'S', 'PT', [
            nameLoop('2100D', 'Patient name', 'R', ['QC']),
            statusDetail('2200D', 'R'),
            serviceDetail('2220D'),
          ]),
        ]),
      ]),
    ]),
    seg('SE', 'R'),
  ]),
};

// 005010X212 Health Care Claim Status Response (277).
export const x277: TransactionRule = {
  type: '277',
  implementations: ['005010X212'],
  name: '277 Claim Status Response (005010X212)',
  root: loop('ST', 'Transaction set header', 'R', 1, [
    seg('ST', 'R'), seg('BHT', 'R'),
    hlLoop('2000A', 'Information source', 'R', '20', [
      nameLoop('2100A', 'Payer name', 'R', ['PR'], [seg('PER', 'S', 3)]),
      hlLoop('2000B', 'Information receiver', 'R', '21', [
        nameLoop('2100B', 'Information receiver name', 'R', ['41']),
        statusDetail('2200B', 'S'),
        hlLoop('2000C', 'Service provider', 'S', '19', [
          nameLoop('2100C', 'Provider name', 'R', ['1P']),
          statusDetail('2200C', 'S'),
          hlLoop('2000D', 'Subscriber', 'S', '22', [
            seg('DMG', 'S'),
            nameLoop('2100D', 'Subscriber name', 'R', ['IL']),
            statusDetail('2200D', 'S'),
            serviceDetail('2220D'),
            hlLoop('2000E', 'Dependent', 'S', '23', [
              seg('DMG', 'S'),
              nameLoop('2100E', 'Dependent name', 'R', ['QC']),
              statusDetail('2200E', 'R'),
              serviceDetail('2220E'),
            ]),
          ]),
        ]),
      ]),
    ]),
    seg('SE', 'R'),
  ]),
};
