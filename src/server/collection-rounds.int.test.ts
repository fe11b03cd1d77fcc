import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFixture, client, type ServerFixture } from './fixture.js';

const json = { 'content-type': 'application/json' };
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`collection rounds, timed draws, fasting, non-blood specimens, dispatch and recollect cancel (${backend})`, () => {
    let fx: ServerFixture;
    let admin: ReturnType<typeof client>;
    let doc: ReturnType<typeof client>;
    let phleb: ReturnType<typeof client>;
    let nurse: ReturnType<typeof client>;
    let lab: ReturnType<typeof client>;
    let wardId: string;
    let icuId: string;
    const patients: Record<string, string> = {};

    async function patient(mrn: string, family: string): Promise<string> {
      const id = (await admin('POST', '/fhir/R4/Patient', { resourceType: 'Patient', identifier: [{ system: 'urn:allied:mrn', value: mrn }], name: [{ family, given: ['Test'] }], birthDate: '1960-05-01', gender: 'male' })).body.id;
      patients[mrn] = id;
      return id;
    }
    async function order(patientId: string, orderable: string, priority: string, extra: Record<string, unknown> = {}) {
      const r = await doc('POST', '/api/orders', { patientId, orderable, priority, ...extra }, json);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return { orderId: r.body.serviceRequest.id as string, taskId: r.body.tasks[0].taskId as string };
    }
    const worklist = async (query = '') => (await phleb('GET', `/api/worklist${query}`)).body;

    before(async () => {
      fx = await startFixture(backend);
      admin = client(fx.url, fx.tokens['t1:admin']);
      doc = client(fx.url, fx.tokens['t1:physician']);
      phleb = client(fx.url, fx.tokens['t1:phlebotomist']);
      nurse = client(fx.url, fx.tokens['t1:nurse']);
      lab = client(fx.url, fx.tokens['t1:lab']);
      wardId = (await admin('POST', '/fhir/R4/Location', { resourceType: 'Location', status: 'active', name: 'Ward 3 West' })).body.id;
      icuId = (await admin('POST', '/fhir/R4/Location', { resourceType: 'Location', status: 'active', name: 'ICU' })).body.id;
    });
    after(async () => fx?.close());

    test('rounds are configured per organisation and location; bad settings are refused with the field', async () => {
      const defaults = await phleb('GET', '/api/collection/settings');
      assert.deepEqual(defaults.body.rounds.map((r: any) => r.time), ['05:00', '11:00', '16:00'], 'demo defaults');
      assert.equal((await phleb('PUT', '/api/collection/settings', { rounds: [] }, json)).status, 403);
      const bad = await admin('PUT', '/api/collection/settings', { timeZone: 'UTC', rounds: [{ id: 'early', time: '25:00', locations: [] }] }, json);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.field, 'rounds[0].time');
      const zone = await admin('PUT', '/api/collection/settings', { timeZone: 'Mars/Olympus' }, json);
      assert.equal(zone.body.error.field, 'timeZone');
      const ok = await admin('PUT', '/api/collection/settings', {
        timeZone: 'UTC',
        fastingHours: 8,
        rounds: [
          { id: '1100', name: '11:00 round', time: '11:00', locations: [] },
          { id: '0500', name: '05:00 ward round', time: '05:00', locations: [] },
          { id: 'icu', name: 'ICU 10:30 round', time: '10:30', locations: [`Location/${icuId}`] },
        ],
      }, json);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.rounds.map((r: any) => r.id), ['0500', 'icu', '1100'], 'sorted by time');
      assert.deepEqual(ok.body.rounds[1].locations, [icuId]);
    });

    test('orders fall into the first round at or after their time, STAT first then by due time, filtered by round', async () => {
      const p = await patient('MRN-R1', 'Round');
      const early = await order(p, 'LAB-CBC', 'routine', { occurrence: `${tomorrow}T04:30:00Z`, locationId: wardId });
      const ward = await order(p, 'LAB-TSH', 'routine', { occurrence: `${tomorrow}T10:00:00Z`, locationId: wardId });
      const icu = await order(p, 'LAB-BMP', 'urgent', { occurrence: `${tomorrow}T10:00:00Z`, locationId: icuId });
      const stat = await order(p, 'LAB-TROPONIN', 'stat', { locationId: wardId });
      const wl = await worklist();
      const mine = wl.items.filter((i: any) => i.patient?.id === p);
      const by = (taskId: string) => mine.find((i: any) => i.taskId === taskId);
      assert.equal(by(early.taskId).collection.round.key, `0500@${tomorrow}`);
      assert.equal(by(ward.taskId).collection.round.key, `1100@${tomorrow}`);
      assert.equal(by(icu.taskId).collection.round.key, `icu@${tomorrow}`, 'the ICU has its own round');
      assert.equal(by(stat.taskId).collection.group, 'stat');
      assert.equal(by(stat.taskId).collection.round, null);
      assert.equal(wl.items[0].priority, 'stat', 'STAT first');
      const dues = wl.items.filter((i: any) => i.priority !== 'stat' && i.collection.group !== 'timed').map((i: any) => Date.parse(i.due));
      assert.deepEqual(dues, [...dues].sort((a, b) => a - b), 'then by due time');
      assert.ok(wl.rounds.some((r: any) => r.key === `0500@${tomorrow}` && r.count === 1));
      const filtered = await worklist(`?round=${encodeURIComponent(`0500@${tomorrow}`)}`);
      const ids = filtered.items.map((i: any) => i.taskId);
      assert.ok(ids.includes(early.taskId));
      assert.ok(!ids.includes(ward.taskId) && !ids.includes(icu.taskId));
      assert.ok(ids.includes(stat.taskId), 'STAT orders stay visible in every round');
      const statRows = filtered.items.filter((i: any) => i.collection.group === 'stat').length;
      assert.equal(wl.rounds.find((r: any) => r.key === `0500@${tomorrow}`).statCount, statRows, 'the round says how many STAT orders its list carries');
      assert.equal(filtered.items.length, wl.rounds.find((r: any) => r.key === `0500@${tomorrow}`).count + statRows, 'own + STAT = what the list shows');
      assert.equal((await phleb('GET', '/api/worklist?limit=abc')).status, 400);
    });

    test('timed draws show their window: opens later, open now, missed, or no dose time', async () => {
      const p = await patient('MRN-T1', 'Timed');
      const now = Date.now();
      const later = await order(p, 'LAB-VANCO-TROUGH', 'routine', { occurrence: iso(now + 40 * MIN) });
      const open = await order(p, 'LAB-GENT-PEAK', 'routine', { occurrence: iso(now - 45 * MIN) });
      const missed = await order(p, 'LAB-VANCO-TROUGH', 'routine', { occurrence: iso(now - 5 * MIN) });
      const noDose = await order(p, 'LAB-VANCO-TROUGH', 'routine');
      const wl = await worklist();
      const c = (t: { taskId: string }) => wl.items.find((i: any) => i.taskId === t.taskId).collection;
      assert.equal(c(later).group, 'timed');
      assert.equal(c(later).window.state, 'opens-later');
      assert.match(c(later).window.stateText, /^opens in (9|10) min$/);
      assert.equal(Date.parse(c(later).window.end) - Date.parse(c(later).window.start), 30 * MIN, 'trough: the 30 min before the dose');
      assert.match(c(later).window.label, /30 min before the \d\d:\d\d dose/);
      assert.equal(c(open).window.state, 'open');
      assert.match(c(open).window.label, /30-60 min after the infusion ends/);
      assert.equal(c(missed).window.state, 'missed');
      assert.equal(c(noDose).window, null);
      assert.match(c(noDose).windowProblem, /dose time/);
      const plan = (await phleb('GET', `/api/patients/${p}/tube-plan`)).body;
      assert.ok(plan.warnings.some((w: any) => w.code === 'timed-window-missed'));
      assert.ok(plan.warnings.some((w: any) => w.code === 'timed-window-not-open'));
      assert.ok(plan.orders.find((o: any) => o.taskId === open.taskId).collection.window.state === 'open');
      // the 05:00 stumble: what is not drawable now is left out of the tubes and the Collect button's tasks
      assert.deepEqual(plan.later.map((o: any) => o.taskId).sort(), [later.taskId, missed.taskId].sort());
      assert.ok(plan.later.every((o: any) => /opens in|window passed/.test(o.reason)));
      assert.deepEqual(plan.orders.map((o: any) => o.taskId).sort(), [open.taskId, noDose.taskId].sort());
      const drawn = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-T1', birthDate: '1960-05-01', taskIds: plan.orders.map((o: any) => o.taskId) }, json);
      assert.equal(drawn.status, 201, JSON.stringify(drawn.body));
      const drawnOrders = drawn.body.specimens.flatMap((s: any) => s.orderIds);
      assert.ok(!drawnOrders.includes(later.orderId) && !drawnOrders.includes(missed.orderId), 'no tube carries a draw left for later');
      const after = (await phleb('GET', `/api/patients/${p}/tube-plan`)).body;
      assert.deepEqual(after.later.map((o: any) => o.taskId).sort(), [later.taskId, missed.taskId].sort(), 'still waiting for their window');
    });

    test('collect without taskIds draws only what is drawable now and says what was left and why', async () => {
      const p = await patient('MRN-T2', 'Windows');
      const now = Date.now();
      const cbc = await order(p, 'LAB-CBC', 'routine');
      const trough = await order(p, 'LAB-VANCO-TROUGH', 'routine', { occurrence: iso(now + 40 * MIN) });
      const drawn = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-T2', birthDate: '1960-05-01' }, json);
      assert.equal(drawn.status, 201, JSON.stringify(drawn.body));
      const drawnOrders = drawn.body.specimens.flatMap((s: any) => s.orderIds);
      assert.ok(drawnOrders.includes(cbc.orderId), 'the CBC is drawn');
      assert.ok(!drawnOrders.includes(trough.orderId), 'the trough is not drawn before its window');
      assert.deepEqual(drawn.body.tasks.map((t: any) => t.id), [cbc.taskId]);
      assert.equal(drawn.body.later.length, 1);
      assert.equal(drawn.body.later[0].taskId, trough.taskId);
      assert.match(drawn.body.later[0].reason, /opens in \d+ min/);
      const item = (await worklist()).items.find((i: any) => i.taskId === trough.taskId);
      assert.equal(item.status, 'requested', 'the trough stays on the worklist, untouched');

      // only the trough is left: nothing to draw, with the reason, and nothing is created
      const again = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-T2', birthDate: '1960-05-01' }, json);
      assert.equal(again.status, 422, JSON.stringify(again.body));
      assert.match(again.body.error.message, /Nothing to draw now.*Vancomycin.*opens in/i);
    });

    test('fasting: the answer is recorded, shown with its consequence, and copied to Specimen.collection.fastingStatus', async () => {
      const p = await patient('MRN-F1', 'Fasting');
      const glucose = await order(p, 'LAB-GLUCOSE-FASTING', 'routine');
      let item = (await worklist()).items.find((i: any) => i.taskId === glucose.taskId);
      assert.equal(item.collection.fasting.status, 'unknown');
      const missing = await phleb('POST', '/api/collection/fasting', { patientId: p, status: 'fasting' }, json);
      assert.equal(missing.status, 422);
      assert.equal(missing.body.error.field, 'lastIntakeAt');
      const future = await phleb('POST', '/api/collection/fasting', { patientId: p, status: 'fasting', lastIntakeAt: iso(Date.now() + 3600_000) }, json);
      assert.equal(future.body.error.field, 'lastIntakeAt');
      const ate = Date.now() - 10 * 3600_000;
      const r = await phleb('POST', '/api/collection/fasting', { patientId: p, status: 'fasting', lastIntakeAt: iso(ate), orderIds: [glucose.orderId] }, json);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const obs = (await admin('GET', `/fhir/R4/Observation/${r.body.observationId}`)).body;
      assert.equal(obs.code.coding[0].code, '49541-6');
      assert.equal(obs.valueCodeableConcept.coding[0].code, 'F');
      item = (await worklist()).items.find((i: any) => i.taskId === glucose.taskId);
      assert.equal(item.collection.fasting.satisfied, true);
      assert.match(item.collection.fasting.text, /^Fasting since \d\d:\d\d \(10 h\)$/);
      const c = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-F1', birthDate: '1960-05-01' }, json);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const specimen = (await admin('GET', `/fhir/R4/Specimen/${c.body.specimens[0].id}`)).body;
      assert.equal(specimen.collection.fastingStatusCodeableConcept.coding[0].code, 'F');
      assert.equal(specimen.collection.fastingStatusCodeableConcept.coding[0].system, 'http://terminology.hl7.org/CodeSystem/v2-0916');

      const q = await patient('MRN-F2', 'Breakfast');
      const g2 = await order(q, 'LAB-GLUCOSE-FASTING', 'routine');
      await nurse('POST', '/api/collection/fasting', { patientId: q, status: 'not-fasting', lastIntakeAt: iso(Date.now() - 60 * MIN) }, json);
      item = (await worklist()).items.find((i: any) => i.taskId === g2.taskId);
      assert.equal(item.collection.fasting.satisfied, false);
      assert.match(item.collection.fasting.consequence, /Not a fasting sample.*next early round/);
      const plan = (await phleb('GET', `/api/patients/${q}/tube-plan`)).body;
      assert.ok(plan.warnings.some((w: any) => w.code === 'fasting-not-met' && /Not fasting/.test(w.message)));
    });

    test('a lab order categorised the SNOMED CT way (another system, the demo data) is in the tube plan at the bedside', async () => {
      const p = await patient('MRN-SN1', 'Snomed');
      const sr = await admin('POST', '/fhir/R4/ServiceRequest', {
        resourceType: 'ServiceRequest', status: 'active', intent: 'order', priority: 'stat',
        category: [{ coding: [{ system: 'http://snomed.info/sct', code: '108252007', display: 'Laboratory procedure' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '57021-8' }, { system: 'urn:allied:orderable', code: 'LAB-CBC' }], text: 'CBC with differential' },
        subject: { reference: `Patient/${p}` }, authoredOn: iso(Date.now()),
      });
      assert.equal(sr.status, 201, JSON.stringify(sr.body));
      const task = await admin('POST', '/fhir/R4/Task', {
        resourceType: 'Task', status: 'requested', intent: 'order', priority: 'stat', for: { reference: `Patient/${p}` },
        basedOn: [{ reference: `ServiceRequest/${sr.body.id}` }], focus: { reference: `ServiceRequest/${sr.body.id}` },
        code: { coding: [{ system: 'urn:allied:task', code: 'collect-specimen' }] },
        performerType: [{ coding: [{ system: 'urn:allied:role', code: 'phlebotomist' }] }], authoredOn: iso(Date.now()),
      });
      assert.equal(task.status, 201, JSON.stringify(task.body));
      const plan = (await phleb('GET', `/api/patients/${p}/tube-plan`)).body;
      assert.deepEqual(plan.orders.map((o: any) => o.id), [sr.body.id], 'not "no lab orders waiting"');
      assert.deepEqual(plan.tubes.map((t: any) => t.container), ['EDTA_LAVENDER']);
    });

    test('a morning cortisol shows its 07:00-09:00 clock window on the worklist, with no dose time asked', async () => {
      const p = await patient('MRN-C1', 'Cortisol');
      const cortisol = await order(p, 'LAB-CORTISOL-AM', 'routine', { occurrence: `${tomorrow}T06:00:00Z` });
      const item = (await worklist()).items.find((i: any) => i.taskId === cortisol.taskId);
      assert.equal(item.collection.group, 'timed');
      assert.equal(item.collection.windowProblem, null);
      assert.deepEqual([item.collection.window.kind, item.collection.window.start, item.collection.window.end], ['clock', `${tomorrow}T07:00:00.000Z`, `${tomorrow}T09:00:00.000Z`], 'the organisation clock (UTC here)');
      assert.equal(item.collection.window.state, 'opens-later');
      assert.match(item.collection.window.label, /07:00-09:00/);
      assert.equal(item.due, `${tomorrow}T09:00:00.000Z`, 'due when the window closes, not 06:00 as asked nor by priority');
      const plan = (await phleb('GET', `/api/patients/${p}/tube-plan`)).body;
      assert.ok(plan.warnings.some((w: any) => w.code === 'timed-window-not-open' && /morning reference range/.test(w.message)));
      const fhir = (await admin('GET', '/api/catalogue/export')).body;
      const sd = fhir.entry.find((e: any) => e.resource.resourceType === 'SpecimenDefinition' && e.resource.id === 'LAB-CORTISOL-AM').resource;
      assert.equal(sd.timeAspect, 'Between 07:00 and 09:00 local time');
    });

    test('a clinician marks one order fasting; the worklist and tube plan ask, the answer reaches the specimen', async () => {
      const p = await patient('MRN-F3', 'Lipid');
      const bad = await doc('POST', '/api/orders', { patientId: p, orderable: 'LAB-LIPID', priority: 'routine', fasting: true, fastingHours: 'twelve' }, json);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.error.field, 'fastingHours');
      const imaging = await doc('POST', '/api/orders', { patientId: p, orderable: 'IMG-XR-CHEST-1V', priority: 'routine', fasting: true }, json);
      assert.equal(imaging.status, 422);
      assert.equal(imaging.body.error.field, 'fasting');
      const lipid = await order(p, 'LAB-LIPID', 'routine', { fasting: true, fastingHours: 12 });
      const tsh = await order(p, 'LAB-TSH', 'routine');
      const items = (await worklist()).items;
      const lipidItem = items.find((i: any) => i.taskId === lipid.taskId);
      assert.equal(lipidItem.collection.fasting.status, 'unknown');
      assert.equal(lipidItem.collection.fasting.requiredHours, 12, 'the order\'s hours');
      assert.equal(items.find((i: any) => i.taskId === tsh.taskId).collection.fasting, null, 'the same test unflagged needs no fast');
      let plan = (await phleb('GET', `/api/patients/${p}/tube-plan`)).body;
      assert.ok(plan.warnings.some((w: any) => w.code === 'fasting-unknown' && /12 h/.test(w.message)));
      assert.ok(plan.orders.find((o: any) => o.id === lipid.orderId).collection.fasting);
      const r = await phleb('POST', '/api/collection/fasting', { patientId: p, status: 'fasting', lastIntakeAt: iso(Date.now() - 13 * 3600_000), orderIds: [lipid.orderId] }, json);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      plan = (await phleb('GET', `/api/patients/${p}/tube-plan`)).body;
      assert.equal(plan.orders.find((o: any) => o.id === lipid.orderId).collection.fasting.satisfied, true);
      const c = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-F3', birthDate: '1960-05-01' }, json);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const specimen = (await admin('GET', `/fhir/R4/Specimen/${c.body.specimens[0].id}`)).body;
      assert.equal(specimen.collection.fastingStatusCodeableConcept.coding[0].code, 'F');
    });

    test('stool tests come with the stool container, the O&P fixative vial and their instructions', async () => {
      const p = await patient('MRN-S1', 'Stool');
      const cdiff = await order(p, 'LAB-CDIFF-TOXIN', 'routine');
      await order(p, 'LAB-OVA-PARASITES', 'routine');
      assert.equal((await worklist()).items.find((i: any) => i.taskId === cdiff.taskId).collection.specimen.kind, 'stool');
      const plan = (await phleb('GET', `/api/patients/${p}/tube-plan`)).body;
      assert.equal(plan.tubes.length, 0);
      assert.deepEqual(plan.others.map((o: any) => o.container).sort(), ['STOOL_CUP', 'STOOL_OP_VIAL']);
      assert.ok(plan.others.every((o: any) => o.kind === 'stool' && /collection hat/.test(o.instructions)));
      const c = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-S1', birthDate: '1960-05-01' }, json);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      assert.equal(c.body.specimens.length, 2);
    });

    test('urine and swab specimens come with their instructions, are collected and labelled, and charge no venipuncture', async () => {
      const p = await patient('MRN-U1', 'Urine');
      const urine = await order(p, 'LAB-URINE-CULTURE', 'routine');
      await order(p, 'LAB-SARS-COV-2', 'routine');
      const wl = await worklist();
      assert.equal(wl.items.find((i: any) => i.taskId === urine.taskId).collection.specimen.kind, 'urine');
      const plan = (await phleb('GET', `/api/patients/${p}/tube-plan`)).body;
      assert.equal(plan.tubes.length, 0);
      assert.deepEqual(plan.others.map((o: any) => o.container).sort(), ['SWAB_VTM', 'URINE_STERILE_CUP']);
      assert.match(plan.others.find((o: any) => o.kind === 'urine').instructions, /midstream/i);
      assert.match(plan.others.find((o: any) => o.kind === 'swab').instructions, /flocked/i);
      assert.ok(!plan.warnings.some((w: any) => w.code === 'not-in-catalogue'));
      const c = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-U1', birthDate: '1960-05-01' }, json);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      assert.equal(c.body.specimens.length, 2);
      const zpl = await fetch(`${fx.url}/api/specimens/labels.zpl?ids=${c.body.specimens.map((s: any) => s.id).join(',')}`, { headers: { authorization: `Bearer ${fx.tokens['t1:phlebotomist']}` } });
      assert.equal(zpl.status, 200);
      const text = await zpl.text();
      assert.match(text, /\^FDCULTURE URINE_5FSTERILE_5FCUP\^FS/, "the label says what is in the cup (ZPL escapes _ as _5F)");
      assert.match(text, /\^FDNP SWAB SWAB_5FVTM\^FS/);
      const d = await phleb('POST', '/api/collection/document', { specimenIds: c.body.specimens.map((s: any) => s.id), method: 'venipuncture' }, json);
      assert.equal(d.status, 200, JSON.stringify(d.body));
      assert.equal(d.body.charge, null, 'a urine cup is not a venipuncture');
    });

    test('specimens collected and not sent are listed for every collector, with age and stability, until dispatched', async () => {
      const p = await patient('MRN-D1', 'Dispatch');
      await order(p, 'LAB-CBC', 'routine');
      const ammonia = await order(p, 'LAB-AMMONIA', 'routine');
      const c = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-D1', birthDate: '1960-05-01' }, json);
      assert.equal(c.status, 201, JSON.stringify(c.body));
      // an ammonia drawn 70 min ago on another tablet and never sent
      const old = await admin('POST', '/fhir/R4/Specimen', {
        resourceType: 'Specimen', status: 'available', identifier: [{ system: 'urn:allied:accession', value: 'A26-OLD-1' }],
        type: { coding: [{ system: 'urn:allied:container', code: 'HEP_DK_GREEN' }], text: 'Dark green (Na/Li heparin)' },
        subject: { reference: `Patient/${p}` }, request: [{ reference: `ServiceRequest/${ammonia.orderId}` }],
        collection: { collectedDateTime: iso(Date.now() - 70 * MIN), collector: { display: 'Night phlebotomist' } },
      });
      assert.equal(old.status, 201, JSON.stringify(old.body));
      const list = await nurse('GET', '/api/specimens/pending-dispatch');
      assert.equal(list.status, 200, JSON.stringify(list.body));
      const mine = list.body.specimens.filter((s: any) => s.patient?.id === p);
      assert.equal(mine.length, c.body.specimens.length + 1, 'the nurse sees the phlebotomist\'s specimens too');
      const stale = mine.find((s: any) => s.id === old.body.id);
      assert.ok(stale.ageMinutes >= 70);
      assert.equal(stale.stability.level, 'exceeded');
      assert.match(stale.stability.text, /Stability exceeded.*60 min/);
      const fresh = mine.find((s: any) => s.container === 'EDTA_LAVENDER');
      assert.equal(fresh.stability.level, 'ok');
      assert.equal(list.body.specimens[0].stability.level, 'exceeded', 'the most urgent first');
      assert.equal((await client(fx.url, fx.tokens['t2:nurse'])('GET', '/api/specimens/pending-dispatch')).body.specimens.length, 0, 'another organisation sees none');
      assert.equal((await client(fx.url, fx.tokens['t1:biller'])('GET', '/api/specimens/pending-dispatch')).status, 403);
      const sent = await nurse('POST', '/api/specimens/dispatch', { containerIds: c.body.specimens.map((s: any) => s.containerId), courier: 'Tube station 4' }, json);
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      const after = (await phleb('GET', '/api/specimens/pending-dispatch')).body.specimens.filter((s: any) => s.patient?.id === p);
      assert.deepEqual(after.map((s: any) => s.id), [old.body.id]);
    });

    test('accepting a rejected specimen after all cancels its recollect task, tells the clinician, and is audited', async () => {
      const p = await patient('MRN-O1', 'Override');
      const cbc = await order(p, 'LAB-CBC', 'routine');
      const c = await phleb('POST', '/api/collection/collect', { patientId: p, scannedWristband: 'MRN-O1', birthDate: '1960-05-01' }, json);
      const label = c.body.specimens[0].containerId;
      const rejected = await lab('POST', '/api/specimens/evaluate', { containerId: label, labelStatus: 'ok', clotted: true }, json);
      assert.equal(rejected.body.decision, 'reject', JSON.stringify(rejected.body));
      const recollect = rejected.body.recollectTasks[0];
      assert.ok((await worklist()).items.some((i: any) => i.taskId === recollect));
      const accepted = await lab('POST', '/api/specimens/evaluate', { containerId: label, labelStatus: 'ok', override: { decision: 'accept', reason: 'clot was on the cap, sample fine on review' } }, json);
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      assert.equal(accepted.body.decision, 'accept');
      assert.deepEqual(accepted.body.recollectCancelled, [recollect]);
      const task = (await admin('GET', `/fhir/R4/Task/${recollect}`)).body;
      assert.equal(task.status, 'cancelled');
      assert.match(task.statusReason.text, /recollection not needed/);
      assert.ok(!(await worklist()).items.some((i: any) => i.taskId === recollect), 'off the worklist');
      const notes = (await admin('GET', `/fhir/R4/Communication?based-on=ServiceRequest/${cbc.orderId}&_sort=-sent`)).body.entry.map((e: any) => e.resource.payload[0].contentString);
      assert.ok(notes.some((n: string) => /no longer needed/.test(n)), JSON.stringify(notes));
      await fx.store.audit.flush();
      const log = await admin('GET', '/api/audit?operation=override');
      assert.ok(log.body.events.some((e: any) => e.resourceType === 'Task' && e.query === 'recollect cancelled'));
    });
  });
}
