import { hlLoop, loop, nameLoop, seg, type Entry, type TransactionRule } from './rules.js';

const SOURCE = ['2B', '36', 'GP', 'P5', 'PR'];
const RECEIVER = ['1P', '2B', '36', '80', 'FA', 'GP', 'P5', 'PR'];
const personDetail: readonly Entry[] = [seg('REF', 'S', 9), seg('N3', 'S'), seg('N4', 'S'), seg('PRV', 'S'), seg('DMG', 'S'), seg('INS', 'S'), seg('HI', 'S'), seg('DTP', 'S', 2)];

const inquiry = (id: string): ReturnType<typeof loop> =>
  loop(id, 'Eligibility or benefit inquiry', 'S', 99, [seg('EQ', 'R'), seg('AMT', 'S', 2), seg('III', 'S', 10), seg('REF', 'S'), seg('DTP', 'S')]);

// 005010X279A1 Eligibility, Coverage or Benefit Inquiry (270).
export const x270: TransactionRule = {
  type: '270',
  implementations: ['005010X279A1', '005010X279'],
  name: '270 Eligibility Inquiry (005010X279A1)',
  root: loop('ST', 'Transaction set header', 'R', 1, [
    seg('ST', 'R'), seg('BHT', 'R'),
    hlLoop('2000A', 'Information source', 'R', '20', [
      nameLoop('2100A', 'Information source name', 'R', SOURCE),
      hlLoop('2000B', 'Information receiver', 'R', '21', [
        nameLoop('2100B', 'Information receiver name', 'R', RECEIVER, [seg('REF', 'S', 9), seg('N3', 'S'), seg('N4', 'S'), seg('PRV', 'S')]),
        hlLoop('2000C', 'Subscriber', 'R', '22', [
          seg('TRN', 'S', 2),
          nameLoop('2100C', 'Subscriber name', 'R', ['IL'], personDetail),
          inquiry('2110C'),
          hlLoop('2000D', 'Dependent', 'S', '23', [seg('TRN', 'S', 2), nameLoop('2100D', 'Dependent name', 'R', ['03'], personDetail), inquiry('2110D')]),
        ]),
      ]),
    ]),
    seg('SE', 'R'),
  ]),
};

const benefit = (id: string, suffix: string): ReturnType<typeof loop> =>
  loop(id, 'Eligibility or benefit information', 'S', -1, [
    seg('EB', 'R'), seg('HSD', 'S', 9), seg('REF', 'S', 9), seg('DTP', 'S', 20), seg('AAA', 'S', 9), seg('MSG', 'S', 10),
    loop(`2115${suffix}`, 'Additional inquiry information', 'S', 10, [seg('III', 'R')]),
    seg('LS', 'S'),
    loop(`2120${suffix}`, 'Benefit related entity', 'S', 23, [seg('NM1', 'R'), seg('N3', 'S'), seg('N4', 'S'), seg('PER', 'S', 3), seg('PRV', 'S')]),
    seg('LE', 'S'),
  ]);
const responsePerson: readonly Entry[] = [seg('REF', 'S', 9), seg('N3', 'S'), seg('N4', 'S'), seg('AAA', 'S', 9), seg('PRV', 'S'), seg('DMG', 'S'), seg('INS', 'S'), seg('HI', 'S'), seg('DTP', 'S', 9), seg('MPI', 'S')];

// 005010X279A1 Eligibility, Coverage or Benefit Information (271).
export const x271: TransactionRule = {
  type: '271',
  implementations: ['005010X279A1', '005010X279'],
  name: '271 Eligibility Response (005010X279A1)',
  root: loop('ST', 'Transaction set header', 'R', 1, [
    seg('ST', 'R'), seg('BHT', 'R'),
    hlLoop('2000A', 'Information source', 'R', '20', [
      seg('AAA', 'S', 9),
      nameLoop('2100A', 'Information source name', 'R', SOURCE, [seg('PER', 'S', 3), seg('AAA', 'S', 9)]),
      hlLoop('2000B', 'Information receiver', 'S', '21', [
        nameLoop('2100B', 'Information receiver name', 'R', RECEIVER, [seg('REF', 'S', 9), seg('N3', 'S'), seg('N4', 'S'), seg('AAA', 'S', 9), seg('PRV', 'S')]),
        hlLoop('2000C', 'Subscriber', 'S', '22', [
          seg('TRN', 'S', 3),
          nameLoop('2100C', 'Subscriber name', 'R', ['IL'], responsePerson),
          benefit('2110C', 'C'),
          hlLoop('2000D', 'Dependent', 'S', '23', [seg('TRN', 'S', 3), nameLoop('2100D', 'Dependent name', 'R', ['03'], responsePerson), benefit('2110D', 'D')]),
        ]),
      ]),
    ]),
    seg('SE', 'R'),
  ]),
};
