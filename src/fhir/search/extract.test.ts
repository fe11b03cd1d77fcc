import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractParam, firstCode, normaliseText, referenceTarget, dateRange, tokenEntries, valuesAt, type ColumnValues } from './extract.js';
import { searchParams, columnOf, type SearchParamDef } from './registry.js';

/** What a parameter's columns hold, written the plain way (every path walked with valuesAt): the compiled extractors must agree. */
function plainExtract(resource: unknown, param: SearchParamDef, column: string): ColumnValues {
  const values = param.paths.flatMap((p) => valuesAt(resource, p));
  const unwrap = (v: unknown) => (v && typeof v === 'object' && '__choice' in v ? (v as unknown as { value: unknown }).value : v);
  const allowed = (t: string) => !param.targets || param.targets.includes('Resource') || param.targets.includes(t.split('/')[0]);
  switch (param.kind) {
    case 'code': {
      const c = values.map(firstCode).find((x) => x !== undefined) ?? null;
      return param.rank ? { [column]: c, [`${column}_rank`]: c !== null && c in param.rank ? param.rank[c] : null } : { [column]: c };
    }
    case 'tokens': {
      const all = [...new Set(values.flatMap(tokenEntries))];
      return { [column]: all.length ? all : null };
    }
    case 'ref':
      return { [column]: values.map(referenceTarget).filter((t): t is string => !!t && allowed(t))[0] ?? null };
    case 'refs': {
      const all = [...new Set(values.map(referenceTarget).filter((t): t is string => !!t && allowed(t)))];
      return { [column]: all.length ? all : null };
    }
    case 'date': {
      const ranges = values.map(dateRange).filter((r) => !!r);
      return ranges.length ? { [`${column}_lo`]: ranges.map((r) => r.lo).sort()[0], [`${column}_hi`]: ranges.map((r) => r.hi).sort().at(-1) } : { [`${column}_lo`]: null, [`${column}_hi`]: null };
    }
    case 'string': {
      const parts = values
        .map(unwrap)
        .flatMap((v) => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? ['text', 'family', 'given', 'prefix', 'suffix', 'line', 'city', 'state', 'postalCode', 'country'].flatMap((k) => [(v as Record<string, unknown>)[k]].flat().filter((s) => typeof s === 'string')) : []))
        .map(normaliseText)
        .filter(Boolean);
      return { [column]: parts.length ? ' ' + parts.join(' ') : null };
    }
  }
}

// keys the registry's paths use (choice paths also as typed keys and a lower-case near miss), and FHIR data-type keys
const pathKeys = [...new Set(Object.values(searchParams).flat().flatMap((p) => p.paths.flatMap((path) => path.split('.'))))].flatMap((k) => (k.endsWith('[x]') ? [k.slice(0, -3) + 'DateTime', k.slice(0, -3) + 'Period', k.slice(0, -3) + 'String', k.slice(0, -3) + 'age'] : [k]));
const leaf = fc.oneof(
  fc.constantFrom('2024', '2024-03', '2024-03-05', '2024-03-05T10:20', '2024-03-05T10:20:30.5+02:00', '2024-13-40', 'Patient/p1', 'ServiceRequest/s-1', 'https://x.org/fhir/Practitioner/d1/_history/2', '#contained', 'stat', 'Zoë O\'Brien', ''),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const fhirish = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), fc.array(tie('node'), { maxLength: 3 })),
  object: fc.dictionary(fc.constantFrom(...pathKeys, 'coding', 'system', 'code', 'value', 'text', 'reference', 'start', 'end', 'family', 'given', 'line', 'city'), tie('node'), { maxKeys: 6 }),
})).object;

test('every search column extracted by the compiled extractors equals the plain walk of its paths (random resources)', () => {
  fc.assert(
    fc.property(fhirish, (resource) => {
      // input the validator would refuse (a Period's end that is not a string) may throw: then both must
      const outcome = (f: () => ColumnValues) => {
        try {
          return f();
        } catch (e) {
          return { threw: (e as Error).constructor.name };
        }
      };
      for (const params of Object.values(searchParams)) for (const p of params) assert.deepEqual(outcome(() => extractParam(resource, p, columnOf(p))), outcome(() => plainExtract(resource, p, columnOf(p))), `${p.name} (${p.paths.join(', ')})`);
    }),
    { numRuns: 2_000 },
  );
});

test('a lab Observation gives its search columns: identifier tokens, patient, code, date range of its time, order and specimen', () => {
  const obs = { resourceType: 'Observation', identifier: [{ system: 'urn:allied:lab-filler-order', value: 'F-1|1|2951-2' }], basedOn: [{ reference: 'ServiceRequest/abc' }], status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '2951-2' }] }, subject: { reference: 'Patient/p1' }, effectiveDateTime: '2026-11-24T10:00:00+00:00', specimen: { reference: 'Specimen/s1' } };
  const cols: ColumnValues = {};
  for (const p of searchParams.Observation) Object.assign(cols, extractParam(obs, p, columnOf(p)));
  assert.deepEqual(cols.sp_identifier, ['F-1|1|2951-2', 'urn:allied:lab-filler-order|F-1|1|2951-2', 'urn:allied:lab-filler-order|']);
  assert.equal(cols.sp_patient, 'Patient/p1');
  assert.deepEqual(cols.sp_code, ['2951-2', 'http://loinc.org|2951-2', 'http://loinc.org|']);
  assert.equal(cols.sp_date_lo, '2026-11-24T10:00:00.000Z');
  assert.equal(cols.sp_date_hi, '2026-11-24T10:00:00.999Z');
  assert.deepEqual(cols.sp_based_on, ['ServiceRequest/abc']);
  assert.equal(cols.sp_specimen, 'Specimen/s1');
});
