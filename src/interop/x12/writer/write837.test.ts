import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { readX12, readX12File } from '../index.js';
import type { Claim837 } from '../models.js';
import { ClaimWriteError, withLineControlNumbers, write837 } from './write837.js';
import { write270 } from './write270.js';
import { sampleClaim, sampleEligibilityRequest } from './sample.js';

const options = { senderId: 'ALLIED', receiverId: 'CLEARINGHOUSE', interchangeControl: 42, groupControl: 42, contact: { name: 'BILLING', phone: '5555551212' } };
const CORPUS = new URL('../../../../../shared/x12-corpus/', import.meta.url);

describe('837 writer', () => {
  test('what the writer emits, the reader validates clean', async () => {
    const claims = [sampleClaim('A1'), sampleClaim('A2', { frequencyCode: '7', originalReference: 'PAYER123' })];
    const r = await readX12(write837(claims, options));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.claims, claims);
  });

  test('refuses a CLM01 used twice in one submission', () => {
    assert.throws(() => write837([sampleClaim('DUP'), sampleClaim('DUP')], options), ClaimWriteError);
  });

  test('gives each service line a REF*6R so 835 lines can be matched', async () => {
    const claim = sampleClaim('B1');
    claim.serviceLines = claim.serviceLines.map(({ controlNumber: _c, ...l }) => l);
    const text = write837([claim], options);
    assert.match(text, /REF\*6R\*B1-1~/);
    assert.match(text, /REF\*6R\*B1-2~/);
  });

  test('institutional claims: CLM05 facility code A, SV2 revenue codes, statement period', async () => {
    const claim = sampleClaim('I1', {
      kind: 'institutional', facilityCode: '13', facilityQualifier: 'A', statementPeriod: '20240101-20240105',
      serviceLines: [{ lineNumber: 1, revenueCode: '0410', procedure: { qualifier: 'HC', code: '94640', modifiers: [] }, chargeAmount: 150, unitCode: 'UN', units: 2, diagnosisPointers: [], serviceDate: '20240102', controlNumber: 'I1-1' }],
    });
    const r = await readX12(write837([claim], options));
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.claims, [claim]);
  });

  test('parse -> write -> parse keeps the model for corpus claims', async () => {
    for (const file of ['837P/stupidedi__commercial-health-insurance.edi', '837P/stupidedi__wheelchair.edi', '837I/stupidedi__837-institutional-claim.edi']) {
      const first = await readX12File(new URL(file, CORPUS).pathname);
      const again = await readX12(write837(first.claims, options));
      assert.deepEqual(again.claims, withLineControlNumbers(first.claims), file);
      assert.ok(readFileSync(new URL(file, CORPUS)).length > 0);
    }
  });
});

const word = fc.stringMatching(/^[A-Z][A-Z0-9 ]{1,20}[A-Z0-9]$/);
const code = fc.stringMatching(/^[A-Z0-9]{2,8}$/);
const date = fc.date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
const cents = fc.integer({ min: 1, max: 5_000_000 });
const address = fc.record({ line1: word, city: word, state: fc.constantFrom('IL', 'NY', 'CA'), postalCode: fc.stringMatching(/^\d{5}(\d{4})?$/) }).map((a) => ({ ...a }));

const claimArb: fc.Arbitrary<Claim837> = fc
  .record({
    lines: fc.array(fc.record({ code: fc.stringMatching(/^[0-9A-Z]{5}$/), modifiers: fc.array(fc.stringMatching(/^[0-9A-Z]{2}$/), { maxLength: 4 }), cents, units: fc.integer({ min: 1, max: 99 }), date, pos: fc.option(fc.constantFrom('11', '22', '23'), { nil: undefined }) }), { minLength: 1, maxLength: 6 }),
    diagnoses: fc.array(fc.stringMatching(/^[A-Z][0-9]{2}[0-9A-Z]{0,4}$/), { minLength: 1, maxLength: 12 }),
    frequency: fc.constantFrom('1', '7', '8'),
    subscriberName: word, subscriberFirst: word, memberId: code, payerName: word, payerId: code, providerName: word, dob: date, gender: fc.constantFrom('F', 'M', 'U'),
    providerAddress: address, patient: fc.option(fc.record({ name: word, firstName: word, dob: date, gender: fc.constantFrom('F', 'M'), address, relationship: fc.constantFrom('01', '19', '20') }), { nil: undefined }),
  })
  .map((r) => {
    const serviceLines = r.lines.map((l, i) => {
      const line: Claim837['serviceLines'][number] = { lineNumber: i + 1, procedure: { qualifier: 'HC', code: l.code, modifiers: l.modifiers }, chargeAmount: l.cents / 100, unitCode: 'UN', units: l.units, diagnosisPointers: [1], serviceDate: l.date };
      if (l.pos) line.placeOfService = l.pos;
      return line;
    });
    const claim = sampleClaim('X', {
      chargeAmount: r.lines.reduce((t, l) => t + l.cents, 0) / 100,
      frequencyCode: r.frequency,
      diagnosisCodes: r.diagnoses,
      subscriber: { name: r.subscriberName, firstName: r.subscriberFirst, entityType: '1', idQualifier: 'MI', id: r.memberId, payerResponsibility: 'P', relationship: r.patient ? undefined : '18', filingIndicator: 'CI', dateOfBirth: r.dob, gender: r.gender },
      payer: { name: r.payerName, entityType: '2', idQualifier: 'PI', id: r.payerId },
      billingProvider: { name: r.providerName, entityType: '2', idQualifier: 'XX', id: '1234567893', address: r.providerAddress },
      serviceLines,
    });
    if (!r.patient) return claim;
    if (claim.subscriber.relationship === undefined) delete claim.subscriber.relationship;
    return { ...claim, patient: { name: r.patient.name, firstName: r.patient.firstName, entityType: '1' as const, relationship: r.patient.relationship, dateOfBirth: r.patient.dob, gender: r.patient.gender, address: r.patient.address } };
  });

test('property: random claim models round-trip through write and read, clean', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(claimArb, { minLength: 1, maxLength: 5 }), async (claims) => {
      const unique = claims.map((c, i) => ({ ...c, id: `PCN${i}` }));
      const r = await readX12(write837(unique, options));
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.claims, withLineControlNumbers(unique));
    }),
    { numRuns: 60 },
  );
});

test('270 writer output reads back clean as the same request', async () => {
  const request = sampleEligibilityRequest('TRACE1');
  const r = await readX12(write270([request], { senderId: 'ALLIED', receiverId: 'PAYER', interchangeControl: 3, groupControl: 3 }));
  assert.deepEqual(r.errors, []);
  assert.equal(r.eligibility.length, 1);
  assert.deepEqual(r.eligibility[0].subscriber, request.subscriber);
  assert.deepEqual(r.eligibility[0].serviceTypes, ['30']);
  assert.deepEqual(r.eligibility[0].traceNumbers, ['TRACE1']);
});
