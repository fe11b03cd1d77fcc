import { loop, seg, type TransactionRule } from './rules.js';

// 005010X221A1 Health Care Claim Payment/Advice.
export const x835: TransactionRule = {
  type: '835',
  implementations: ['005010X221A1', '005010X221'],
  name: '835 Claim Payment/Advice (005010X221A1)',
  root: loop('ST', 'Transaction set header', 'R', 1, [
    seg('ST', 'R'), seg('BPR', 'R'), seg('NTE', 'S', -1), seg('TRN', 'R'), seg('CUR', 'S'), seg('REF', 'S', -1), seg('DTM', 'S', -1),
    loop('1000A', 'Payer identification', 'R', 1, [seg('N1', 'R', 1, 1, ['PR']), seg('N3', 'R'), seg('N4', 'R'), seg('REF', 'S', -1), seg('PER', 'S', -1)]),
    loop('1000B', 'Payee identification', 'R', 1, [seg('N1', 'R', 1, 1, ['PE']), seg('N3', 'S'), seg('N4', 'S'), seg('REF', 'S', -1), seg('RDM', 'S')]),
    loop('2000', 'Header number', 'S', -1, [
      seg('LX', 'R'), seg('TS3', 'S'), seg('TS2', 'S'),
      loop('2100', 'Claim payment information', 'R', -1, [
        seg('CLP', 'R'), seg('CAS', 'S', 99), seg('NM1', 'R', -1), seg('MIA', 'S'), seg('MOA', 'S'), seg('REF', 'S', -1),
        seg('DTM', 'S', -1), seg('PER', 'S', 3), seg('AMT', 'S', 13), seg('QTY', 'S', 14),
        loop('2110', 'Service payment information', 'S', 999, [
          seg('SVC', 'R'), seg('DTM', 'S', 2), seg('CAS', 'S', 99), seg('REF', 'S', -1), seg('AMT', 'S', 15), seg('QTY', 'S', 6), seg('LQ', 'S', 99),
        ]),
      ]),
    ]),
    seg('PLB', 'S', -1),
    seg('SE', 'R'),
  ]),
};
