import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, client, type ServerFixture } from './fixture.js';

const json = { 'content-type': 'application/json' };

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`test catalogue API on ${backend}`, () => {
    let fx: ServerFixture;
    let admin: ReturnType<typeof client>;
    let patientId: string;
    before(async () => {
      fx = await startFixture(backend);
      admin = client(fx.url, fx.tokens['t1:admin']);
      patientId = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', name: [{ family: 'Panel', given: ['Pat'] }], birthDate: '1970-02-03' })).body.id;
    });
    after(async () => fx?.close());

    test('clinicians read the catalogue with specimen requirements; only admins change it', async () => {
      const doc = client(fx.url, fx.tokens['t1:physician']);
      const r = await doc('GET', '/api/catalogue?kind=lab&q=lactate');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.items.map((o: any) => o.code), ['LAB-LACTATE']);
      assert.deepEqual([r.body.items[0].specimen.container, r.body.items[0].specimen.handling, r.body.items[0].specimen.stabilityMinutes], ['FLUORIDE_GRAY', 'on_ice', 60]);
      const cmp = (await doc('GET', '/api/catalogue/LAB-CMP')).body;
      const denied = await doc('PUT', '/api/catalogue/LAB-CMP', { ...cmp, display: 'Mine now' }, json);
      assert.equal(denied.status, 403);
      assert.match(denied.body.error.message, /Only administrators/);
      assert.equal((await doc('GET', '/api/catalogue/LAB-NOPE')).status, 404);
      assert.equal((await doc('GET', '/api/catalogue?kind=toys')).status, 400);
    });

    test('bad entries get a 4xx that names the field and the fix', async () => {
      const vitd = { code: 'LAB-VITD', display: 'Vitamin D', kind: 'lab', coding: [{ system: 'http://loinc.org', code: '62292-8', display: 'Vitamin D' }], specimen: { container: 'SST_GOLD', volumeMl: 1 } };
      const cases: [unknown, number, string, RegExp][] = [
        [{ ...vitd, specimen: { container: 'TEACUP', volumeMl: 1 } }, 422, 'specimen.container', /Unknown container "TEACUP"/],
        [{ ...vitd, specimen: { container: 'SST_GOLD', volumeMl: -2 } }, 422, 'specimen.volumeMl', /more than 0 mL/],
        [{ ...vitd, specimen: { container: 'SST_GOLD', volumeMl: 1, minVolumeMl: 1.5 } }, 422, 'specimen.minVolumeMl', /minimum volume \(1.5 mL\) is more than/],
        [{ ...vitd, performingLab: 'nowhere' }, 422, 'performingLab', /Unknown reference lab "nowhere"/],
        [{ ...vitd, code: 'LAB-CBC' }, 409, 'code', /LAB-CBC is already in the catalogue/],
      ];
      for (const [body, status, field, message] of cases) {
        const r = await admin('POST', '/api/catalogue', body, json);
        assert.equal(r.status, status, JSON.stringify(r.body));
        assert.equal(r.body.error.field, field);
        assert.match(r.body.error.message, message);
      }
      const created = await admin('POST', '/api/catalogue', vitd, json);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal((await admin('PUT', '/api/catalogue/LAB-VITD', { ...vitd, code: 'LAB-VITD2' }, json)).status, 422);
    });

    test('an edited tube volume changes the tube plan; a retired test can no longer be ordered', async () => {
      const doc = client(fx.url, fx.tokens['t1:physician']);
      for (const orderable of ['LAB-CMP', 'LAB-LIPID']) assert.equal((await doc('POST', '/api/orders', { patientId, orderable, priority: 'routine' }, json)).status, 201);
      const plan = async () => (await client(fx.url, fx.tokens['t1:phlebotomist'])('GET', `/api/patients/${patientId}/tube-plan`)).body.tubes.filter((t: any) => t.container === 'SST_GOLD').map((t: any) => t.tests.map((x: any) => x.code));
      assert.deepEqual(await plan(), [['CMP', 'LIPID']], 'seed: 2.0 + 1.5 mL share one 5 mL gold tube');
      const cmp = (await admin('GET', '/api/catalogue/LAB-CMP')).body;
      const edited = await admin('PUT', '/api/catalogue/LAB-CMP', { ...cmp, specimen: { ...cmp.specimen, volumeMl: 4 } }, json);
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual(await plan(), [['CMP'], ['LIPID']], '4.0 + 1.5 mL no longer fit one gold tube');

      const tsh = (await admin('GET', '/api/catalogue/LAB-TSH')).body;
      assert.equal((await admin('PUT', '/api/catalogue/LAB-TSH', { ...tsh, status: 'retired' }, json)).status, 200);
      assert.ok(!(await doc('GET', '/api/catalogue?q=tsh')).body.items.some((o: any) => o.code === 'LAB-TSH'));
      assert.ok((await doc('GET', '/api/catalogue?status=retired')).body.items.some((o: any) => o.code === 'LAB-TSH'));
      const refused = await doc('POST', '/api/orders', { patientId, orderable: 'LAB-TSH', priority: 'routine' }, json);
      assert.equal(refused.status, 422);
      assert.match(refused.body.error.message, /retired/);
      assert.equal((await admin('PUT', '/api/catalogue/LAB-TSH', { ...tsh, status: 'active' }, json)).status, 200);
      assert.equal((await doc('POST', '/api/orders', { patientId, orderable: 'LAB-TSH', priority: 'routine' }, json)).status, 201);

      const other = await client(fx.url, fx.tokens['t2:admin'])('GET', '/api/catalogue/LAB-CMP');
      assert.equal(other.body.specimen.volumeMl, 2, 'another organisation keeps its own catalogue');
      const audit = await fx.store.db.query<{ operation: string; resource_id: string; outcome_desc: string }>(
        `SELECT operation, resource_id, outcome_desc FROM audit_log WHERE tenant = 't1' AND resource_type = 'ActivityDefinition' ORDER BY seq`);
      assert.ok(audit.rows.some((a) => a.operation === 'update' && a.resource_id === 'LAB-TSH' && /^retired/.test(a.outcome_desc)));
      assert.ok(audit.rows.some((a) => a.operation === 'update' && a.resource_id === 'LAB-CMP' && /^edited/.test(a.outcome_desc)));
    });

    test('a test the catalogue sends to a reference lab goes to that lab\'s outbox at collection', async () => {
      const labs = await admin('PUT', '/api/interfaces/labs', [{ id: 'westlab', name: 'West Reference Lab', host: '127.0.0.1', port: 9 }], json);
      assert.equal(labs.status, 200, JSON.stringify(labs.body));
      const psa = (await admin('GET', '/api/catalogue/LAB-PSA')).body;
      const edited = await admin('PUT', '/api/catalogue/LAB-PSA', { ...psa, performingLab: 'westlab' }, json);
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      const mrn = `MRN-CAT-${backend}`;
      const pid = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', identifier: [{ system: 'urn:allied:mrn', value: mrn }], name: [{ family: 'Sendout', given: ['Sam'] }], birthDate: '1958-06-07' })).body.id;
      const doc = client(fx.url, fx.tokens['t1:physician']);
      assert.equal((await doc('POST', '/api/orders', { patientId: pid, orderable: 'LAB-PSA', priority: 'routine' }, json)).status, 201);
      const c = await client(fx.url, fx.tokens['t1:phlebotomist'])('POST', '/api/collection/collect', { patientId: pid, scannedWristband: mrn, birthDate: '1958-06-07' }, json);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const outbox = await admin('GET', '/api/interfaces/outbox');
      assert.deepEqual(outbox.body.messages.map((m: any) => m.destination), ['westlab']);
    });

    test('the catalogue alone decides where a test goes: a lab\'s old list of tests moves into the catalogue and is not kept', async () => {
      const ferritin = (await admin('GET', '/api/catalogue/LAB-FERRITIN')).body;
      assert.equal(ferritin.performingLab, undefined, 'in-house');
      const lab = { id: 'westlab', name: 'West Reference Lab', host: '127.0.0.1', port: 9 };
      const unknown = await admin('PUT', '/api/interfaces/labs', [{ ...lab, orderables: ['LAB-FERRITIN', 'LAB-NOPE'] }], json);
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.field, '[0].orderables[1]');
      assert.match(unknown.body.error.message, /LAB-NOPE.*not in the catalogue/);
      assert.equal((await admin('GET', '/api/catalogue/LAB-FERRITIN')).body.performingLab, undefined, 'nothing changed');
      // an older client still sends the lab's list: it becomes the catalogue's performing lab
      const older = await admin('PUT', '/api/interfaces/labs', [{ ...lab, orderables: ['LAB-FERRITIN'] }], json);
      assert.equal(older.status, 200, JSON.stringify(older.body));
      assert.equal(older.body.labs[0].orderables, undefined, 'the lab keeps no list of its own');
      assert.equal((await admin('GET', '/api/catalogue/LAB-FERRITIN')).body.performingLab, 'westlab');
      // a list stored before this change moves the same way the first time it is read
      await fx.store.db.query(`UPDATE setting SET value = $1::jsonb WHERE tenant = 't1' AND key = 'reference-labs'`, [JSON.stringify([{ ...lab, orderables: ['LAB-B12'] }])]);
      const read = await admin('GET', '/api/interfaces/labs');
      assert.equal(read.body.labs[0].orderables, undefined);
      assert.equal((await admin('GET', '/api/catalogue/LAB-B12')).body.performingLab, 'westlab');
      // the admin brings ferritin back in-house in the catalogue: it is collected and not sent
      const edited = await admin('PUT', '/api/catalogue/LAB-FERRITIN', { ...ferritin, performingLab: null }, json);
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      const before = (await admin('GET', '/api/interfaces/outbox')).body.messages.length;
      const mrn = `MRN-FER-${backend}`;
      const pid = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', identifier: [{ system: 'urn:allied:mrn', value: mrn }], name: [{ family: 'Inhouse', given: ['Ida'] }], birthDate: '1961-01-02' })).body.id;
      const doc = client(fx.url, fx.tokens['t1:physician']);
      assert.equal((await doc('POST', '/api/orders', { patientId: pid, orderable: 'LAB-FERRITIN', priority: 'routine' }, json)).status, 201);
      assert.equal((await doc('POST', '/api/orders', { patientId: pid, orderable: 'LAB-B12', priority: 'routine' }, json)).status, 201);
      const c = await client(fx.url, fx.tokens['t1:phlebotomist'])('POST', '/api/collection/collect', { patientId: pid, scannedWristband: mrn, birthDate: '1961-01-02' }, json);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const after = (await admin('GET', '/api/interfaces/outbox')).body.messages;
      assert.equal(after.length, before + 1, 'one message: B12 to its lab; ferritin stays in-house');
      const b12 = (await admin('GET', '/api/catalogue/LAB-B12')).body;
      assert.equal((await admin('PUT', '/api/catalogue/LAB-B12', { ...b12, performingLab: null }, json)).status, 200);
    });

    test('GET entries of a batch or transaction Bundle read the catalogue\'s definitions like the direct GETs', async () => {
      const doc = client(fx.url, fx.tokens['t1:physician']);
      const fhir = { 'content-type': 'application/fhir+json' };
      const get = (url: string) => ({ request: { method: 'GET', url } });
      const batch = await doc('POST', '/fhir/R4', { resourceType: 'Bundle', type: 'batch', entry: [
        get('ActivityDefinition/LAB-LACTATE'),
        get('ObservationDefinition?code=2524-7'),
        get('SpecimenDefinition?container=STOOL_CUP'),
        get('SpecimenDefinition/LAB-NOPE'),
        get('ObservationDefinition?colour=blue'),
      ] }, fhir);
      assert.equal(batch.status, 200, JSON.stringify(batch.body));
      const [ad, od, sd, missing, bad] = batch.body.entry;
      assert.equal(ad.response.status, '200 OK');
      assert.deepEqual([ad.resource.resourceType, ad.resource.id], ['ActivityDefinition', 'LAB-LACTATE']);
      assert.deepEqual(ad.resource, (await doc('GET', '/fhir/R4/ActivityDefinition/LAB-LACTATE')).body, 'the same as the direct read');
      assert.equal(od.resource.type, 'searchset');
      assert.deepEqual(od.resource.entry.map((e: any) => e.resource.id), ['LAB-LACTATE']);
      assert.deepEqual(sd.resource.entry.map((e: any) => e.resource.id).sort(), ['LAB-CDIFF-TOXIN', 'LAB-OCCULT-BLOOD']);
      assert.match(missing.response.status, /^404/);
      assert.match(missing.response.outcome.issue[0].diagnostics, /Bundle\.entry\[3\].*LAB-NOPE/);
      assert.match(bad.response.status, /^400/);
      assert.match(bad.response.outcome.issue[0].diagnostics, /colour/);
      // in a transaction beside a stored type
      const tx = await doc('POST', '/fhir/R4', { resourceType: 'Bundle', type: 'transaction', entry: [get('SpecimenDefinition/LAB-LACTATE'), get('Patient?_count=1')] }, fhir);
      assert.equal(tx.status, 200, JSON.stringify(tx.body));
      assert.equal(tx.body.entry[0].resource.typeTested[0].container.type.coding[0].code, 'FLUORIDE_GRAY');
      assert.equal(tx.body.entry[1].resource.type, 'searchset');
      // writes inside a Bundle stay refused
      const write = await admin('POST', '/fhir/R4', { resourceType: 'Bundle', type: 'batch', entry: [{ resource: { resourceType: 'ActivityDefinition', status: 'active' }, request: { method: 'POST', url: 'ActivityDefinition' } }] }, fhir);
      assert.ok(write.status === 405 || /^405/.test(write.body.entry?.[0]?.response?.status ?? ''), JSON.stringify(write.body));
    });

    test('removing a reference lab the catalogue still sends tests to is refused, naming them, unless the admin moves them in-house', async () => {
      const current = (await admin('GET', '/api/interfaces/labs')).body.labs;
      const east = { id: 'eastlab', name: 'East Reference Lab', host: '127.0.0.1', port: 9 };
      assert.equal((await admin('PUT', '/api/interfaces/labs', [...current, east], json)).status, 200);
      const ferritin = (await admin('GET', '/api/catalogue/LAB-FERRITIN')).body;
      assert.equal((await admin('PUT', '/api/catalogue/LAB-FERRITIN', { ...ferritin, performingLab: 'eastlab' }, json)).status, 200);
      const refused = await admin('PUT', '/api/interfaces/labs', current, json);
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.match(refused.body.error.message, /Cannot remove eastlab.*LAB-FERRITIN.*moveInHouse=true/);
      assert.ok((await admin('GET', '/api/interfaces/labs')).body.labs.some((l: any) => l.id === 'eastlab'), 'the lab is still there');
      assert.equal((await admin('GET', '/api/catalogue/LAB-FERRITIN')).body.performingLab, 'eastlab', 'not rerouted');
      // the admin says so explicitly: the tests come in-house and the lab goes
      const moved = await admin('PUT', '/api/interfaces/labs?moveInHouse=true', current, json);
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.ok(!moved.body.labs.some((l: any) => l.id === 'eastlab'));
      assert.equal((await admin('GET', '/api/catalogue/LAB-FERRITIN')).body.performingLab, undefined, 'in-house now');
      // a lab no entry names goes without a question
      assert.equal((await admin('PUT', '/api/interfaces/labs', [...current, east], json)).status, 200);
      assert.equal((await admin('PUT', '/api/interfaces/labs', current, json)).status, 200);
    });

    test('a test goes to a lab that takes its own codes only once the lab has a code for it', async () => {
      const current = (await admin('GET', '/api/interfaces/labs')).body.labs;
      const north = { id: 'northlab', name: 'North Reference Lab', host: '127.0.0.1', port: 9, profile: { obr4: 'local', testCodes: {} } };
      assert.equal((await admin('PUT', '/api/interfaces/labs', [...current, north], json)).status, 200);
      const ferritin = (await admin('GET', '/api/catalogue/LAB-FERRITIN')).body;
      const refused = await admin('PUT', '/api/catalogue/LAB-FERRITIN', { ...ferritin, performingLab: 'northlab' }, json);
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.error.field, 'performingLab');
      assert.match(refused.body.error.message, /North Reference Lab takes its own test codes .*\(sent as 2276-4\)/);
      assert.equal((await admin('GET', '/api/catalogue/LAB-FERRITIN')).body.performingLab, ferritin.performingLab, 'nothing changed');
      const withCode = { ...north, profile: { obr4: 'local', testCodes: { '2276-4': { code: 'FERR' } } } };
      assert.equal((await admin('PUT', '/api/interfaces/labs', [...current, withCode], json)).status, 200);
      assert.equal((await admin('PUT', '/api/catalogue/LAB-FERRITIN', { ...ferritin, performingLab: 'northlab' }, json)).status, 200);
      assert.equal((await admin('PUT', '/api/interfaces/labs?moveInHouse=true', current, json)).status, 200);
    });

    test('the FHIR API serves the catalogue as ActivityDefinition, ObservationDefinition and SpecimenDefinition, read-only', async () => {
      const doc = client(fx.url, fx.tokens['t1:physician']);
      const ids = (b: any) => (b.entry ?? []).map((e: any) => e.resource.id);
      const byLoinc = await doc('GET', '/fhir/R4/ActivityDefinition?code=http://loinc.org|2524-7');
      assert.equal(byLoinc.status, 200, JSON.stringify(byLoinc.body));
      assert.deepEqual(ids(byLoinc.body), ['LAB-LACTATE']);
      const ad = await doc('GET', '/fhir/R4/ActivityDefinition/LAB-LACTATE');
      assert.equal(ad.status, 200);
      assert.deepEqual([ad.body.resourceType, ad.body.title, ad.body.status], ['ActivityDefinition', 'Lactate', 'active']);
      assert.deepEqual(ids((await doc('GET', `/fhir/R4/ActivityDefinition?url=${encodeURIComponent(ad.body.url)}`)).body), ['LAB-LACTATE']);
      assert.deepEqual(ids((await doc('GET', '/fhir/R4/ActivityDefinition?code=urn:allied:orderable|LAB-CMP,LAB-LACTATE')).body).sort(), ['LAB-CMP', 'LAB-LACTATE']);
      const esr = (await admin('GET', '/api/catalogue/LAB-ESR')).body;
      assert.equal((await admin('PUT', '/api/catalogue/LAB-ESR', { ...esr, status: 'retired' }, json)).status, 200);
      const retired = (await admin('GET', '/api/catalogue?status=retired')).body.items.map((o: any) => o.code).sort();
      assert.ok(retired.includes('LAB-ESR'));
      assert.deepEqual(ids((await doc('GET', '/fhir/R4/ActivityDefinition?status=retired&_count=500')).body).sort(), retired);
      assert.equal((await admin('PUT', '/api/catalogue/LAB-ESR', { ...esr, status: 'active' }, json)).status, 200);
      const od = await doc('GET', '/fhir/R4/ObservationDefinition?code=2524-7');
      assert.deepEqual(ids(od.body), ['LAB-LACTATE']);
      const sd = await doc('GET', '/fhir/R4/SpecimenDefinition/LAB-LACTATE');
      assert.equal(sd.body.typeTested[0].container.type.coding[0].code, 'FLUORIDE_GRAY');
      assert.deepEqual(ids((await doc('GET', '/fhir/R4/SpecimenDefinition?container=STOOL_CUP')).body).sort(), ['LAB-CDIFF-TOXIN', 'LAB-OCCULT-BLOOD']);
      assert.equal((await doc('GET', '/fhir/R4/SpecimenDefinition/LAB-NOPE')).status, 404);
      // one source of truth: an edit in the catalogue is what FHIR serves next
      const lactate = (await admin('GET', '/api/catalogue/LAB-LACTATE')).body;
      assert.equal((await admin('PUT', '/api/catalogue/LAB-LACTATE', { ...lactate, display: 'Lactate (venous)' }, json)).status, 200);
      assert.equal((await doc('GET', '/fhir/R4/ActivityDefinition/LAB-LACTATE')).body.title, 'Lactate (venous)');
      assert.deepEqual(ids((await doc('GET', '/fhir/R4/ActivityDefinition?title=lactate%20(v')).body), ['LAB-LACTATE']);
      // bad input: a clear 400; writes through FHIR are refused with where to edit instead
      const unknown = await doc('GET', '/fhir/R4/ObservationDefinition?colour=blue');
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.resourceType, 'OperationOutcome');
      assert.match(unknown.body.issue[0].diagnostics, /no search parameter "colour".*Supported: _id, code/);
      const put = await admin('PUT', '/fhir/R4/ActivityDefinition/LAB-LACTATE', ad.body, { 'content-type': 'application/fhir+json' });
      assert.equal(put.status, 405);
      assert.match(put.body.issue[0].diagnostics, /\/api\/catalogue/);
      const tx = await admin('POST', '/fhir/R4', { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'SpecimenDefinition', id: 'X' }, request: { method: 'POST', url: 'SpecimenDefinition' } }] }, { 'content-type': 'application/fhir+json' });
      assert.ok(tx.status >= 400 || tx.body.entry?.[0]?.response?.status?.startsWith('405'), JSON.stringify(tx.body));
      const stored = await fx.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM res_specimendefinition`);
      assert.equal(stored.rows[0].n, 0, 'nothing is copied into the resource tables');
      // the CapabilityStatement says what is true
      const cap = (await client(fx.url)('GET', '/fhir/R4/metadata')).body.rest[0].resource;
      for (const type of ['ActivityDefinition', 'ObservationDefinition', 'SpecimenDefinition']) {
        const r = cap.filter((x: any) => x.type === type);
        assert.equal(r.length, 1, type);
        assert.deepEqual(r[0].interaction.map((i: any) => i.code), ['read', 'search-type'], type);
      }
      const adParams = cap.find((x: any) => x.type === 'ActivityDefinition').searchParam.map((p: any) => p.name);
      for (const name of ['code', 'url', 'status']) assert.ok(adParams.includes(name), name);
    });

    test('export -> import into an empty organisation -> export gives the same Bundle; a bad import changes nothing', async () => {
      const exported = await admin('GET', '/api/catalogue/export');
      assert.equal(exported.status, 200);
      assert.equal(exported.body.resourceType, 'Bundle');
      const types = new Set(exported.body.entry.map((e: any) => e.resource.resourceType));
      assert.deepEqual([...types].sort(), ['ActivityDefinition', 'ObservationDefinition', 'SpecimenDefinition']);
      const t2 = client(fx.url, fx.tokens['t2:admin']);
      const noLab = await t2('POST', '/api/catalogue/import', exported.body, json);
      assert.equal(noLab.status, 422, 'the Bundle sends PSA to a lab this organisation does not have');
      assert.match(noLab.body.error.message, /LAB-PSA.*Unknown reference lab "westlab"/);
      assert.equal((await t2('PUT', '/api/interfaces/labs', [{ id: 'westlab', name: 'West Reference Lab', host: '127.0.0.1', port: 9, orderables: [] }], json)).status, 200);

      const broken = structuredClone(exported.body);
      const sd = broken.entry.find((e: any) => e.resource.resourceType === 'SpecimenDefinition' && e.resource.id === 'LAB-LACTATE').resource;
      sd.typeTested[0].container.type.coding[0].code = 'TEACUP';
      const refused = await t2('POST', '/api/catalogue/import', broken, json);
      assert.equal(refused.status, 422);
      assert.match(refused.body.error.message, /LAB-LACTATE.*Unknown container "TEACUP"/);
      assert.equal((await t2('GET', '/api/catalogue/LAB-CMP')).body.specimen.volumeMl, 2, 'nothing was imported');
      assert.equal((await client(fx.url, fx.tokens['t2:physician'])('POST', '/api/catalogue/import', exported.body, json)).status, 403);

      const imported = await t2('POST', '/api/catalogue/import', exported.body, json);
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      assert.deepEqual(imported.body.retired, []);
      const again = await t2('GET', '/api/catalogue/export');
      assert.deepEqual(again.body, exported.body);
      assert.equal((await t2('GET', '/api/catalogue/LAB-CMP')).body.specimen.volumeMl, 4);
    });
  });
}
