import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftOf, idFromName, inputIdOf, labOf, mappedTwice } from './lab-draft.js';
import type { ReferenceLab } from './models.js';

const lab: ReferenceLab = {
  id: 'tricounty', name: 'Tri-County', host: 'hl7.tricounty.example', port: 6661, maxAttempts: 3,
  profile: {
    id: 'tricounty', messageType: 'OML^O21', sendingApplication: ['ALLIED'], sendingFacility: ['RIVERSIDE'], receivingApplication: ['TCLAB'], receivingFacility: ['TRICOUNTY', '05D0000001', 'CLIA'],
    processingId: 'T', segments: { pv1: true, nte: true, spm: false }, placerNumber: { prefix: 'RS', padTo: 10 }, obr4: 'local',
    testCodes: { '3016-3': { code: 'TSH1', display: 'TSH 3rd gen' } }, criticalFlags: ['PH'],
  },
};

test('a lab survives the form unchanged', () => {
  const d = draftOf(lab);
  assert.equal(d.receivingFacility, 'TRICOUNTY^05D0000001^CLIA');
  assert.equal(d.segments.spm, false);
  assert.deepEqual(labOf(d, lab), { ...lab, profile: { ...lab.profile, segments: { pv1: true, in1: false, dg1: false, nte: true, spm: false } } });
});

test('what a person types becomes the lab: components split at ^, blanks left out, numbers read', () => {
  const d = { ...draftOf(null), id: 'east', name: ' East Lab ', host: ' 10.0.0.9 ', port: '2575', receivingApplication: 'EASTLAB', receivingFacility: 'EAST ^ 123 ^ CLIA', placerPadTo: '8' };
  d.testCodes = [{ ours: '2345-7', code: ' GLU ', display: '', system: '' }, { ours: '', code: '', display: '', system: '' }];
  const l = labOf(d, null);
  assert.equal(l.name, 'East Lab');
  assert.equal(l.host, '10.0.0.9');
  assert.equal(l.port, 2575);
  assert.deepEqual(l.profile.receivingFacility, ['EAST', '123', 'CLIA']);
  assert.deepEqual(l.profile.placerNumber, { padTo: 8 });
  assert.deepEqual(l.profile.testCodes, { '2345-7': { code: 'GLU' } });
  assert.equal(l.profile.segments.spm, undefined, 'SPM is an OML switch');
  assert.equal(l.ackTimeoutMs, undefined);
});

test('a number that is not one is sent as typed, so the server names the field', () => {
  assert.equal(labOf({ ...draftOf(lab), port: '66x1' }, lab).port, '66x1');
});

test('ids from names, and codes mapped twice', () => {
  assert.equal(idFromName('Tri-County Reference Laboratory, Inc.'), 'tri-county-reference-laboratory');
  assert.equal(mappedTwice([{ ours: 'a', code: '1', display: '', system: '' }, { ours: 'a', code: '2', display: '', system: '' }]), 'a');
  assert.equal(mappedTwice([{ ours: '', code: '', display: '', system: '' }, { ours: '', code: '', display: '', system: '' }]), undefined);
});

test('a server error path finds its input', () => {
  const rows = draftOf(lab).testCodes;
  const cases: [string | undefined, string | undefined][] = [
    ['[0].port', 'lab-port'],
    ['[3].profile.sendingFacility[1]', 'lab-profile-sendingFacility'],
    ['profile.messageType', 'lab-profile-messageType'],
    ['[0].profile.testCodes["3016-3"].code', 'lab-testcode-0-code'],
    ['[0].profile.testCodes["9999-9"].code', 'lab-profile-testCodes'],
    ['[0].profile.testCodes', 'lab-profile-testCodes'],
    ['[0].profile.segments.obx', 'lab-profile-segments'],
    ['[0].profile.placerNumber.padTo', 'lab-profile-placerNumber-padTo'],
    ['[1].profile.criticalFlags[2]', 'lab-profile-criticalFlags'],
    ['performingLab', undefined],
    [undefined, undefined],
  ];
  for (const [field, id] of cases) assert.equal(inputIdOf(field, rows), id, String(field));
});
