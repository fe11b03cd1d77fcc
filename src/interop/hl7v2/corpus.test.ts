import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { readHl7, parseHl7Message, type MessageOutcome } from './parse.js';
import { readLabResult } from './result/read-result.js';
import { labResultToFhir } from './result/to-fhir.js';
import { readOrderMessage } from './order/read-order.js';
import { readAck } from './ack/read-ack.js';
import { buildAck } from './ack/build-ack.js';
import type { Hl7Message } from './message.js';
import { validateResource } from '../../fhir/validation/index.js';

const corpus = new URL('../../../../shared/hl7-corpus/', import.meta.url);
const files = (kind: string) => readdirSync(new URL(`${kind}/`, corpus)).sort();
const bytes = (kind: string, name: string) => readFileSync(new URL(`${kind}/${name}`, corpus));
const okMessages = (r: { messages: MessageOutcome[] }): Hl7Message[] => r.messages.flatMap((m) => (m.ok ? [m.message] : []));
const one = (kind: string, name: string): Hl7Message => {
  const p = parseHl7Message(bytes(kind, name));
  assert.ok(p.ok, p.ok ? '' : p.error.message);
  return p.message;
};

/** OBX lines and their OBX-11 as a naive reader of the file sees them. */
function naiveObx(text: string): { count: number; statuses: Set<string> } {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.startsWith('OBX|'));
  return { count: lines.length, statuses: new Set(lines.map((l) => l.split('|')[11] ?? '').filter((s) => s !== '')) };
}

describe('corpus: ORU^R01 results', () => {
  for (const name of files('oru')) {
    test(`${name} maps to a LabResult with every OBX and its status`, () => {
      const raw = bytes('oru', name);
      const m = one('oru', name);
      const r = readLabResult(m);
      assert.ok(r.ok);
      const obs = r.result.orders.flatMap((o) => [...o.observations, ...o.specimens.flatMap((s) => s.observations)]);
      const naive = naiveObx(raw.toString('utf8'));
      assert.equal(obs.length, naive.count);
      assert.deepEqual(new Set(obs.map((o) => o.status).filter((s) => s !== '')), naive.statuses);
      assert.ok(r.result.orders.length >= 1);
      const fhir = labResultToFhir(r.result, { patient: { reference: 'Patient/p1' } });
      assert.equal(fhir.reports.length, r.result.orders.length);
      for (const o of fhir.observations) assert.equal(o.subject?.reference, 'Patient/p1');
      // filing stores these without validating each again: they must be valid as built
      for (const res of [...fhir.observations, ...fhir.reports]) {
        const errors = validateResource({ ...res, meta: { versionId: '1', lastUpdated: '2026-11-24T10:00:00Z' } }).filter((i) => i.severity === 'error');
        assert.deepEqual(errors.map((i) => `${i.expression}: ${i.message}`), [], `${res.resourceType} from ${name}`);
      }
    });
  }

  test('iSantePlus final result: value 12, the note, and an AA ACK echoing MSH-10 (as OruRo1ReceiverTest expects)', () => {
    const m = one('oru', 'isante__ORU_R01_Final_Result.hl7');
    const r = readLabResult(m);
    assert.ok(r.ok);
    const obs = r.result.orders[0]?.observations[0];
    assert.deepEqual(obs?.values[0], { type: 'NM', value: 12, raw: '12' });
    assert.deepEqual(obs?.notes, ['This is a note about the result']);
    const ack = parseHl7Message(buildAck(m, { code: 'AA' }));
    assert.ok(ack.ok);
    assert.equal(ack.message.get('MSA-1'), 'AA');
    assert.equal(ack.message.get('MSA-2'), '2018042015001500034');
  });

  test('simple-hl7 lipid panel: ranges with components, HL7 null flags ignored, H flags kept', () => {
    const r = readLabResult(one('oru', 'simplehl7__oru.hl7'));
    assert.ok(r.ok);
    const [hdl, trig, , ldl] = r.result.orders[0]?.observations ?? [];
    assert.deepEqual(hdl?.referenceRange, { text: '>40^>40', low: 40 });
    assert.deepEqual(trig?.referenceRange, { text: '35-150^35^150', low: 35, high: 150 });
    assert.deepEqual(hdl?.abnormalFlags, []);
    assert.deepEqual(ldl?.abnormalFlags, ['H']);
  });

  test('the LRI CBC sample flags its panic values as critical', () => {
    const r = readLabResult(one('oru', 'msfhir__LRI_2.0-NG_CBC_Typ_Message.hl7'));
    assert.ok(r.ok);
    const critical = r.result.orders.flatMap((o) => o.observations).filter((o) => o.critical);
    assert.ok(critical.length > 0);
    for (const o of critical) assert.ok(o.abnormalFlags.some((f) => ['HH', 'LL', 'AA'].includes(f)));
  });
});

describe('corpus: orders', () => {
  for (const kind of ['orm', 'oml']) {
    for (const name of files(kind)) {
      test(`${kind}/${name} parses and reads as orders`, () => {
        const r = readHl7(bytes(kind, name));
        const msgs = okMessages(r);
        assert.equal(msgs.length, r.messages.length);
        const orders = msgs.filter((m) => ['ORM', 'OML'].includes(m.messageType.code));
        assert.ok(orders.length >= 1);
        for (const m of orders) {
          const o = readOrderMessage(m);
          assert.ok(o.ok);
          assert.equal(o.order.orders.length, m.segmentsOf('OBR').length);
        }
      });
    }
  }
  test("HAPI's OML conversation splits into its 13 messages", () => {
    const r = readHl7(bytes('oml', 'hapi__example_oml_o21.hl7'));
    assert.equal(okMessages(r).length, 13);
  });
});

describe('corpus: acknowledgements (as iSantePlus AckParserTest and hl7-standard expect)', () => {
  const ack = (name: string) => {
    const r = readAck(one('ack', name));
    assert.ok(r.ok);
    return r.ack;
  };
  test('commit accept', () => {
    const a = ack('isante__ACK_Commit_Accept.hl7');
    assert.equal(a.accepted, true);
    assert.equal(a.controlId, '20070701151010000018');
    assert.deepEqual(a.errors, []);
  });
  test('commit error: 103 Invalid LOINC code', () => {
    const a = ack('isante__ACK_Commit_Error.hl7');
    assert.equal(a.accepted, false);
    assert.equal(a.errors[0]?.code, '103');
    assert.equal(a.errors[0]?.diagnostics, 'Invalid LOINC code');
  });
  test('ORL^O22 CR: 207 DUPLICATE_ORDER', () => {
    const a = ack('isante__ORL_O22_ERROR.hl7');
    assert.equal(a.accepted, false);
    assert.equal(a.controlId, '1');
    assert.equal(a.errors[0]?.code, '207');
    assert.equal(a.errors[0]?.diagnostics, 'DUPLICATE_ORDER : ORDER_FOUND_QUEUED');
  });
  test('v2.3 ACK^V01 AR with ERR-1 and MSA-6', () => {
    const m = one('ack', 'hl7standard__message2.hl7');
    assert.equal(m.get('MSA.1.1'), 'AR');
    assert.equal(m.get('ERR.1.6'), 'HL70357');
    const a = ack('hl7standard__message2.hl7');
    assert.equal(a.errors[0]?.code, '207');
    assert.equal(a.text, 'Not logged in: User login failed');
  });
});

describe('corpus: batches', () => {
  const expect: Record<string, string[]> = {
    'rubyhl7__realm-batch.hl7': ['ORU', 'ORU'],
    'rubyhl7__empty-batch.hl7': [],
    'reportstream__batch_message.hl7': ['ORU', 'ORU'],
    'mirth__test-hl7-batch-input.txt': ['ORM'],
    'hl7standard__batch.hl7': ['ADT', 'RSP'],
  };
  for (const name of files('batch')) {
    test(`${name} splits into ${expect[name]?.length} message(s)`, () => {
      const r = readHl7(bytes('batch', name));
      assert.deepEqual(okMessages(r).map((m) => m.messageType.code), expect[name]);
      assert.ok(r.batch);
    });
  }
  test('an empty batch and a missing trailer are reported, not fatal', () => {
    assert.ok(readHl7(bytes('batch', 'rubyhl7__empty-batch.hl7')).issues.some((i) => i.code === 'batch-empty'));
    assert.ok(readHl7(bytes('batch', 'mirth__test-hl7-batch-input.txt')).issues.some((i) => i.code === 'batch-trailer-missing'));
  });
});

describe('corpus: edge cases', () => {
  // NHapi BadInputs/.../HL7Exception and EncodingNotSupportedException, hl7v2-rs fixtures/invalid, CDC's bad delimiters.
  const refused: Record<string, string> = {
    nhapi__so: 'bad-encoding-characters',
    nhapi__so5: 'bad-encoding-characters',
    'nhapi__id_000029_sig_02_src_000167_001027_op_splice_rep_8.hl7': 'missing-message-type',
    'nhapi__id_000064_sig_02_src_000051_000380_op_splice_rep_16.hl7': 'bad-encoding-characters',
    'nhapi__id_000092_sig_02_src_001582_001861_op_splice_rep_16.hl7': 'bad-encoding-characters',
    'nhapi__id_000014_sig_02_src_000480_000349_op_splice_rep_32.hl7': 'text-before-msh',
    'nhapi__id_000213_sig_02_src_001353_000130_op_splice_rep_8.hl7': 'text-before-msh',
    nhapi__hang1: 'missing-message-type',
    nhapi__nullref1: 'bad-field-separator',
    'hl7v2rs__truncated.hl7': 'missing-message-type',
    'cdcdex__Lyme_WithBadDelimiters.txt': 'bad-encoding-characters',
  };
  for (const name of files('edge')) {
    const code = refused[name];
    test(`${name} ${code ? `is refused with ${code} and a position` : 'parses'}`, () => {
      const p = parseHl7Message(bytes('edge', name));
      if (code) {
        assert.equal(p.ok, false);
        if (p.ok) return;
        assert.equal(p.error.code, code);
        assert.ok(p.error.position.line !== undefined || p.error.position.field !== undefined);
        assert.ok(p.error.message.length > 10);
      } else {
        assert.ok(p.ok, p.ok ? '' : p.error.message);
      }
    });
  }
  test('escapes \\F\\ \\S\\ \\R\\ \\E\\ unescape to the delimiters', () => {
    assert.equal(one('edge', 'hl7v2rs__special_chars.hl7').get('PID-5'), 'Test|Value^Special~Chars\\Escape');
  });
  test('\\.br\\, \\H\\ \\N\\ and \\X0D\\\\X0A\\ decode', () => {
    const m = one('edge', 'hl7dotnetcore__Sample-ORM.txt');
    const notes = m.segmentsOf('NTE').map((s) => s.field(3).text());
    assert.ok(notes.includes('some text\nsome text after new line\nissue Efferent-Health#82'));
    assert.ok(notes.includes('some text\r\nsome text after new line\r\nissue Efferent-Health#81'));
  });
  test('unknown segments OMG/WTF/BBQ are kept', () => {
    const m = one('edge', 'rubyhl7__lotsunknowns.hl7');
    for (const id of ['OMG', 'WTF', 'BBQ']) assert.equal(m.segmentsOf(id).length, 16);
  });
  test('Z-segments are kept', () => {
    assert.ok(one('edge', 'hapi__cv.04_001_chem.hl7').segment('ZNT'));
  });
  test('spaces inside fields and components are preserved', () => {
    const m = one('edge', 'mirth__test-hl7-whitespace-input.txt');
    assert.equal(m.header.toString().length > 0, true);
    assert.equal(m.segment('PID')?.fields[1], '1 ');
    assert.equal(m.get('PID-5.3'), ' ');
  });
  test('a doubled escape character in MSH-2 is read as one, with a warning', () => {
    const p = parseHl7Message(bytes('edge', 'lfh__sample_win.hl7'));
    assert.ok(p.ok);
    assert.equal(p.message.delimiters.escape, '\\');
    assert.ok(p.warnings.some((w) => w.code === 'encoding-characters-quirk'));
  });
});
