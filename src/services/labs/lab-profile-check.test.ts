import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ServiceError } from '../errors.js';
import { checkAddress, checkReferenceLab } from './lab-profile-check.js';

const lab = { id: 'tricounty', name: 'Tri-County Reference Laboratory', host: 'hl7.tricounty.example', port: 6661 };
const withProfile = (profile: Record<string, unknown>) => ({ ...lab, profile });

test('a lab with no profile gets the plain ORM^O01 profile under its own id', () => {
  const l = checkReferenceLab(lab);
  assert.equal(l.profile.id, 'tricounty');
  assert.equal(l.profile.messageType, 'ORM^O01');
  assert.deepEqual(l.profile.sendingFacility, ['ALLIED']);
  assert.equal(l.profile.obr4, 'loinc');
});

test('a full profile is kept, trimmed where a person typed', () => {
  const l = checkReferenceLab({
    ...lab, host: ' 10.0.4.17 ', ackTimeoutMs: 5000, maxAttempts: 3, organizationId: 'org-tricounty',
    profile: {
      messageType: 'OML^O21', sendingApplication: ['ALLIED'], sendingFacility: ['RIVERSIDE', '2.16.840.1.113883.3.1', 'ISO'], receivingApplication: ['TCLAB'], receivingFacility: ['TRICOUNTY'],
      processingId: 'T', segments: { pv1: true, spm: true, in1: false }, placerNumber: { prefix: 'RS', padTo: 10, namespace: 'RIVERSIDE' },
      testCodes: { '3016-3': { code: ' TSH1 ', display: 'TSH, 3rd gen', system: '99TCL' } }, obr4: 'local-with-loinc', criticalFlags: ['PH', ' PL'],
    },
  });
  assert.equal(l.host, '10.0.4.17');
  assert.deepEqual(l.profile.sendingFacility, ['RIVERSIDE', '2.16.840.1.113883.3.1', 'ISO']);
  assert.deepEqual(l.profile.testCodes, { '3016-3': { code: 'TSH1', display: 'TSH, 3rd gen', system: '99TCL' } });
  assert.deepEqual(l.profile.placerNumber, { prefix: 'RS', padTo: 10, namespace: 'RIVERSIDE' });
  assert.deepEqual(l.profile.criticalFlags, ['PH', 'PL']);
  assert.equal(l.profile.processingId, 'T');
});

const refused: [string, unknown, string, RegExp][] = [
  ['not an object', 'lab', '$', /object with id, name, host and port/],
  ['unknown field', { ...lab, hots: 'x' }, 'hots', /no field "hots"/],
  ['bad id', { ...lab, id: 'tri county' }, 'id', /letters, digits/],
  ['no name', { ...lab, name: ' ' }, 'name', /needs a name/],
  ['a URL for host', { ...lab, host: 'mllp://lab.example:6661' }, 'host', /not a host name or IP address/],
  ['port 0', { ...lab, port: 0 }, 'port', /1 to 65535 \(got 0\)/],
  ['port as text', { ...lab, port: '6661' }, 'port', /got "6661"/],
  ['ack timeout too short', { ...lab, ackTimeoutMs: 5 }, 'ackTimeoutMs', /100 to 600000/],
  ['zero attempts', { ...lab, maxAttempts: 0 }, 'maxAttempts', /1 to 100/],
  ['message type', withProfile({ messageType: 'ORM^O02' }), 'profile.messageType', /ORM\^O01 or OML\^O21/],
  ['typo in profile', withProfile({ obr4Style: 'local' }), 'profile.obr4Style', /no field "obr4Style"/],
  ['components in one', withProfile({ sendingFacility: ['LABCORP^123^CLIA'] }), 'profile.sendingFacility[0]', /Sending facility \(MSH-4\) component 1 .* HL7 delimiter/],
  ['empty facility', withProfile({ receivingFacility: ['', ' '] }), 'profile.receivingFacility[0]', /needs a namespace id or a universal id/],
  ['four components', withProfile({ sendingApplication: ['a', 'b', 'c', 'd'] }), 'profile.sendingApplication', /1 to 3 components/],
  ['processing id', withProfile({ processingId: 'X' }), 'profile.processingId', /P \(production\)/],
  ['unknown segment', withProfile({ segments: { obx: true } }), 'profile.segments.obx', /no optional segment "obx"/],
  ['segment switch as text', withProfile({ segments: { pv1: 'yes' } }), 'profile.segments.pv1', /true or false/],
  ['pad to 99', withProfile({ placerNumber: { padTo: 99 } }), 'profile.placerNumber.padTo', /0 to 22/],
  ['no lab code', withProfile({ testCodes: { '3016-3': { code: '' } } }), 'profile.testCodes["3016-3"].code', /The lab's code for 3016-3 is required/],
  ['code with delimiter', withProfile({ testCodes: { '3016-3': { code: 'TSH^1' } } }), 'profile.testCodes["3016-3"].code', /delimiter/],
  ['system with space', withProfile({ testCodes: { '3016-3': { code: 'TSH', system: 'local codes' } } }), 'profile.testCodes["3016-3"].system', /HL7 mnemonic/],
  ['obr4 style', withProfile({ obr4: 'cpt' }), 'profile.obr4', /loinc, local, local-with-loinc/],
  ['flag too long', withProfile({ criticalFlags: ['PANIC!'] }), 'profile.criticalFlags[0]', /short OBX-8 flag/],
  ['flag twice', withProfile({ criticalFlags: ['PH', 'PH'] }), 'profile.criticalFlags[1]', /listed twice/],
];

for (const [what, input, field, message] of refused) {
  test(`refused with its path: ${what}`, () => {
    assert.throws(() => checkReferenceLab(input, ''), (e: unknown) => {
      assert.ok(e instanceof ServiceError);
      assert.equal(e.field, field);
      assert.equal(e.status, 422);
      assert.match(e.message, message);
      return true;
    });
  });
}

test('the position of a lab in a list prefixes every path', () => {
  assert.throws(() => checkReferenceLab(withProfile({ obr4: 'x' }), '[3].'), { field: '[3].profile.obr4' });
  assert.throws(() => checkReferenceLab('x', '[3].'), { field: '[3]' });
});

test('an address to probe: a trimmed host and a port', () => {
  assert.equal(checkAddress(' lab.example ', 2575), 'lab.example');
  assert.equal(checkAddress('::1', 2575), '::1');
  assert.throws(() => checkAddress('', 2575), { field: 'host' });
  assert.throws(() => checkAddress('lab.example', 70000), { field: 'port' });
});
