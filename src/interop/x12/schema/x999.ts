import { loop, seg, type TransactionRule } from './rules.js';

// 005010X231A1 Implementation Acknowledgment.
export const x999: TransactionRule = {
  type: '999',
  implementations: ['005010X231A1', '005010X231'],
  name: '999 Implementation Acknowledgment (005010X231A1)',
  root: loop('ST', 'Transaction set header', 'R', 1, [
    seg('ST', 'R'), seg('AK1', 'R'),
    loop('2000', 'Transaction set response header', 'S', -1, [
      seg('AK2', 'R'),
      loop('2100', 'Error identification', 'S', -1, [
        seg('IK3', 'R'), seg('CTX', 'S', 10),
        loop('2110', 'Implementation data element note', 'S', 99, [seg('IK4', 'R'), seg('CTX', 'S', 10)]),
      ]),
      seg('IK5', 'R'),
    ]),
    seg('AK9', 'R'),
    seg('SE', 'R'),
  ]),
};

// 997 Functional Acknowledgment (X12 standard; answered by some trading partners instead of 999).
export const x997: TransactionRule = {
  type: '997',
  implementations: [],
  name: '997 Functional Acknowledgment',
  root: loop('ST', 'Transaction set header', 'R', 1, [
    seg('ST', 'R'), seg('AK1', 'R'),
    loop('2000', 'Transaction set response header', 'S', -1, [
      seg('AK2', 'R'),
      loop('2100', 'Data segment note', 'S', -1, [seg('AK3', 'R'), loop('2110', 'Data element note', 'S', 99, [seg('AK4', 'R')])]),
      seg('AK5', 'R'),
    ]),
    seg('AK9', 'R'),
    seg('SE', 'R'),
  ]),
};
