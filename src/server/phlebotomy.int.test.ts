import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, client, type ServerFixture } from './fixture.js';

describe('tube plan and the organisation\'s rule configuration', () => {
  let fx: ServerFixture;
  let patientId: string;
  const json = { 'content-type': 'application/json' };
  before(async () => {
    fx = await startFixture('pglite');
    const admin = client(fx.url, fx.tokens['t1:admin']);
    patientId = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Draw', given: ['Dana'] }], birthDate: '1962-08-01' })).body.id;
    const doc = client(fx.url, fx.tokens['t1:physician']);
    for (const orderable of ['LAB-CBC', 'LAB-HBA1C', 'LAB-BMP', 'LAB-PT-INR', 'LAB-LACTATE', 'LAB-URINALYSIS']) {
      const r = await doc('POST', '/api/orders', { patientId, orderable, priority: 'routine' }, json);
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
  });
  after(async () => fx?.close());

  test('the phlebotomist sees the consolidated tubes in order of draw, with inversions and warnings', async () => {
    const r = await client(fx.url, fx.tokens['t1:phlebotomist'])('GET', `/api/patients/${patientId}/tube-plan`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const containers = r.body.tubes.map((t: any) => t.container);
    assert.equal(containers[0], 'CITRATE_LT_BLUE', 'citrate is drawn before serum, EDTA and grey tubes');
    assert.ok(containers.indexOf('SST_GOLD') < containers.indexOf('EDTA_LAVENDER'));
    assert.equal(containers.at(-1), 'FLUORIDE_GRAY');
    // DEFAULT (DOMAIN.md A.4 rule 2): haematology and chemistry do not share a tube
    const lavender = r.body.tubes.filter((t: any) => t.container === 'EDTA_LAVENDER');
    assert.deepEqual(lavender.map((t: any) => t.tests.map((x: any) => x.code)), [['CBC'], ['HBA1C']]);
    assert.ok(lavender[0].inversions.min >= 8);
    assert.ok(r.body.warnings.some((w: any) => w.code === 'citrate-fill' && /90%/.test(w.message)));
    assert.ok(r.body.warnings.some((w: any) => w.code === 'on-ice'));
    // the urinalysis is not a tube: a urine cup with its instructions (DOMAIN.md A.9)
    assert.ok(!r.body.warnings.some((w: any) => w.code === 'not-in-catalogue'));
    assert.deepEqual(r.body.others.map((o: any) => [o.container, o.tests[0].display]), [['URINE_CUP', 'Urinalysis']]);
    assert.match(r.body.others[0].instructions, /midstream/);
    assert.equal(r.body.discardTube, false);
    const winged = await client(fx.url, fx.tokens['t1:phlebotomist'])('GET', `/api/patients/${patientId}/tube-plan?device=winged`);
    assert.equal(winged.body.discardTube, true);
    assert.ok(winged.body.warnings.some((w: any) => w.code === 'discard-tube'));
  });

  test('blood culture bottles say which goes first with the device in hand, in words, not a rule number', async () => {
    const admin = client(fx.url, fx.tokens['t1:admin']);
    const pid = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Culture', given: ['Cal'] }], birthDate: '1950-01-01' })).body.id;
    assert.equal((await client(fx.url, fx.tokens['t1:physician'])('POST', '/api/orders', { patientId: pid, orderable: 'LAB-BLOOD-CULTURE', priority: 'stat' }, json)).status, 201);
    const phleb = client(fx.url, fx.tokens['t1:phlebotomist']);
    const needle = (await phleb('GET', `/api/patients/${pid}/tube-plan`)).body.tubes;
    assert.deepEqual(needle.map((t: any) => t.container), ['BC_ANAEROBIC', 'BC_AEROBIC']);
    for (const t of needle) assert.match(t.handlingNotes, /^Needle or syringe: anaerobic bottle first; do not refrigerate/);
    const winged = (await phleb('GET', `/api/patients/${pid}/tube-plan?device=winged`)).body.tubes;
    assert.deepEqual(winged.map((t: any) => t.container), ['BC_AEROBIC', 'BC_ANAEROBIC']);
    for (const t of winged) assert.match(t.handlingNotes, /^Winged set: aerobic bottle first/);
    assert.ok(![...needle, ...winged].some((t: any) => /A\.1/.test(t.handlingNotes)));
  });

  test('a latex allergy (recorded as text or SNOMED CT) is the first warning of the tube plan; a resolved one is not', async () => {
    const admin = client(fx.url, fx.tokens['t1:admin']);
    const pid = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Glove', given: ['Gail'] }], birthDate: '1971-03-04' })).body.id;
    const allergy = (code: Record<string, unknown>, status = 'active') => admin('POST', '/fhir/R4/AllergyIntolerance', {
      resourceType: 'AllergyIntolerance', patient: { reference: `Patient/${pid}` }, code,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: status }] },
    });
    assert.equal((await allergy({ text: 'Natural rubber latex' })).status, 201);
    assert.equal((await allergy({ coding: [{ system: 'http://snomed.info/sct', code: '373568007', display: 'Chlorhexidine' }] }, 'resolved')).status, 201);
    assert.equal((await client(fx.url, fx.tokens['t1:physician'])('POST', '/api/orders', { patientId: pid, orderable: 'LAB-CBC', priority: 'routine' }, json)).status, 201);
    const plan = (await client(fx.url, fx.tokens['t1:phlebotomist'])('GET', `/api/patients/${pid}/tube-plan`)).body;
    assert.equal(plan.warnings[0].code, 'latex-allergy');
    assert.match(plan.warnings[0].message, /latex-free gloves, tourniquet/);
    assert.ok(!plan.warnings.some((w: any) => w.code === 'chlorhexidine-allergy'), 'resolved');
    assert.ok(!(await client(fx.url, fx.tokens['t1:phlebotomist'])('GET', `/api/patients/${patientId}/tube-plan`)).body.warnings.some((w: any) => /allergy/.test(w.code)));
  });

  test('an organisation overrides a DEFAULT rule without code, and services use it', async () => {
    const admin = client(fx.url, fx.tokens['t1:admin']);
    const bad = await admin('PUT', '/api/settings/domain', { phlebotomy: { citrateMinFillPct: 'lots' } }, json);
    assert.equal(bad.status, 422);
    assert.match(bad.body.error.field, /citrateMinFillPct/);
    assert.equal((await client(fx.url, fx.tokens['t1:lab'])('PUT', '/api/settings/domain', { phlebotomy: { citrateMinFillPct: 92 } }, json)).status, 403);
    const ok = await admin('PUT', '/api/settings/domain', { phlebotomy: { citrateMinFillPct: 92, shareAcrossSections: true } }, json);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.effective.phlebotomy.citrateMinFillPct, 92);
    const plan = await client(fx.url, fx.tokens['t1:phlebotomist'])('GET', `/api/patients/${patientId}/tube-plan`);
    assert.ok(plan.body.warnings.some((w: any) => w.code === 'citrate-fill' && /92%/.test(w.message)));
    const shared = plan.body.tubes.filter((t: any) => t.container === 'EDTA_LAVENDER');
    assert.deepEqual(shared.map((t: any) => t.tests.map((x: any) => x.code)), [['CBC', 'HBA1C']], 'this lab lets CBC and HbA1c share one lavender tube');
    const otherOrg = await client(fx.url, fx.tokens['t2:admin'])('GET', '/api/settings/domain');
    assert.equal(otherOrg.body.effective.phlebotomy.citrateMinFillPct, 90, 'another organisation keeps the seed value');
  });

  test('a child gives the tests\' paediatric volumes, and blood drawn in the last 24 h counts against the limit', async () => {
    const admin = client(fx.url, fx.tokens['t1:admin']);
    const doc = client(fx.url, fx.tokens['t1:physician']);
    const phleb = client(fx.url, fx.tokens['t1:phlebotomist']);
    const birthDate = new Date(Date.now() - 2 * 365.25 * 86400_000).toISOString().slice(0, 10);
    const child = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Small', given: ['Sam'] }], birthDate })).body.id;
    for (const orderable of ['LAB-CBC', 'LAB-BMP']) assert.equal((await doc('POST', '/api/orders', { patientId: child, orderable, priority: 'routine' }, json)).status, 201);
    const noWeight = (await phleb('GET', `/api/patients/${child}/tube-plan`)).body;
    assert.ok(noWeight.warnings.some((w: any) => w.code === 'pediatric-weight-unknown'), JSON.stringify(noWeight.warnings));
    for (const t of noWeight.tubes) assert.ok(t.volumeMl > 0 && t.volumeMl <= t.tubeMl, `${t.container}: ${t.volumeMl} of ${t.tubeMl} mL`);
    assert.ok(noWeight.tubes.some((t: any) => t.volumeMl < t.tubeMl), 'a two-year-old is not drawn full adult tubes');
    const requested = noWeight.tubes.reduce((s: number, t: any) => s + t.volumeMl, 0);
    // 12 kg: 3 % of about 75-80 mL/kg in 24 h leaves room for these tubes
    const now = new Date().toISOString();
    assert.equal((await admin('POST', '/fhir/R4/Observation', { resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] }, subject: { reference: `Patient/${child}` }, effectiveDateTime: now, valueQuantity: { value: 12, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' } })).status, 201);
    const weighed = (await phleb('GET', `/api/patients/${child}/tube-plan`)).body;
    assert.ok(!weighed.warnings.some((w: any) => w.code.startsWith('pediatric')), `${requested} mL for 12 kg: ${JSON.stringify(weighed.warnings)}`);
    // an earlier draw today uses most of the day's allowance
    const earlier = new Date(Date.now() - 3 * 3600_000).toISOString();
    assert.equal((await admin('POST', '/fhir/R4/Specimen', { resourceType: 'Specimen', status: 'available', subject: { reference: `Patient/${child}` }, collection: { collectedDateTime: earlier, quantity: { value: 26, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' } } })).status, 201);
    const after = (await phleb('GET', `/api/patients/${child}/tube-plan`)).body;
    const limit = after.warnings.find((w: any) => w.code === 'pediatric-limit');
    assert.ok(limit, JSON.stringify(after.warnings));
    assert.match(limit.message, /26\.0 mL already drawn in the last 24 h/);
  });

  test('roles without collection work see no tube plan', async () => {
    assert.equal((await client(fx.url, fx.tokens['t1:biller'])('GET', `/api/patients/${patientId}/tube-plan`)).status, 403);
  });
});
