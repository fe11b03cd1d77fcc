/**
 * The collection worklist in real Chromium: a vancomycin trough whose window has not opened, a
 * fasting glucose and a urinalysis for one demo patient. The phlebotomist sees the window and
 * fasting state on the worklist, filters by round, records the fast at the bedside, sees the urine
 * instructions, collects; a second tablet (a new browser context, nothing in its bag) sees the
 * specimens waiting and sends them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, call, skip } from './browser-suite.js';

const suite = browserSuite();
const { signIn, shot } = suite;

test('collection round: timed window, fasting, round filter, urine instructions, dispatch from another tablet', { skip }, async () => {
  const doc = await signIn('physician');
  const patient = await doc.page.evaluate(async () => {
    const bundle = await (await fetch('/fhir/R4/Patient?_count=60')).json();
    for (const e of bundle.entry.slice(20)) {
      const id = e.resource.id as string;
      const plan = await (await fetch(`/api/patients/${id}/tube-plan`)).json();
      const banner = await (await fetch(`/api/patients/${id}/banner`)).json();
      if (plan.tubes.length === 0 && (plan.others ?? []).length === 0 && banner.mrn && banner.birthDate) return { id, mrn: banner.mrn as string, birthDate: banner.birthDate as string };
    }
    return null;
  });
  assert.ok(patient, 'a demo patient without pending lab draws');
  const tasks: Record<string, string> = {};
  const orders: [string, Record<string, unknown>][] = [
    ['LAB-VANCO-TROUGH', { occurrence: new Date(Date.now() + 45 * 60_000).toISOString() }],
    ['LAB-GLUCOSE-FASTING', {}],
    ['LAB-URINALYSIS', {}],
  ];
  for (const [orderable, extra] of orders) {
    const r: { status: number; body: { tasks: { taskId: string }[] } } = await call(doc.page, 'POST', '/api/orders', { patientId: patient.id, orderable, priority: 'routine', ...extra });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    tasks[orderable] = r.body.tasks[0].taskId;
  }

  // The worklist row of the trough shows its window; the glucose asks about the fast; the urinalysis is urine.
  const phleb = await signIn('phlebotomist', '/worklist');
  const { page } = phleb;
  const row = (orderable: string) => page.locator(`[data-testid="worklist-item"][data-task-id="${tasks[orderable]}"]`);
  await row('LAB-VANCO-TROUGH').waitFor();
  const state = row('LAB-VANCO-TROUGH').getByTestId('timed-window');
  assert.equal(await state.getAttribute('data-state'), 'opens-later');
  assert.match((await row('LAB-VANCO-TROUGH').getByTestId('timed-window-state').textContent()) ?? '', /^opens in 1[45] min$/);
  assert.equal(await row('LAB-GLUCOSE-FASTING').getByTestId('fasting-status').getAttribute('data-status'), 'unknown');
  assert.equal(await row('LAB-URINALYSIS').getByTestId('specimen-kind').getAttribute('data-kind'), 'urine');
  const groups = await page.getByTestId('worklist-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
  assert.ok(groups.includes('timed'), JSON.stringify(groups));
  await shot(page, 'worklist-rounds');

  // Filter by the glucose's round: the trough (a timed draw, not on a round) leaves the list.
  const roundKey = await page.evaluate(async (taskId) => {
    const wl = await (await fetch('/api/worklist?role=phlebotomist')).json();
    return wl.items.find((i: { taskId: string }) => i.taskId === taskId).collection.round.key as string;
  }, tasks['LAB-GLUCOSE-FASTING']);
  await page.getByTestId('worklist-round').selectOption(roundKey);
  await page.waitForURL(/round=/);
  await page.getByTestId('round-note').waitFor();
  await row('LAB-GLUCOSE-FASTING').waitFor();
  assert.equal(await row('LAB-VANCO-TROUGH').count(), 0);

  // At the bedside: record that the patient has fasted since ten hours ago.
  await page.locator('[data-testid="worklist-card"]', { has: row('LAB-GLUCOSE-FASTING') }).getByTestId('patient-collect').click();
  await page.getByTestId('collection-page').waitFor();
  await page.getByTestId('collect-timing').waitFor();
  const since = new Date(Date.now() - 10 * 3600_000);
  await page.getByTestId('fasting-since').fill(`${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')}`);
  await page.getByTestId('fasting-save').click();
  await page.locator('[data-testid="fasting-status"][data-status="fasting"]').first().waitFor();
  assert.match((await page.locator('[data-testid="fasting-status"]').first().textContent()) ?? '', /Fasting since \d\d:\d\d \((9\.9|10) h\)/);
  // the urine cup, with its instructions, after the tubes
  const other = page.getByTestId('other-specimen');
  assert.equal(await other.getAttribute('data-container'), 'URINE_CUP');
  assert.match((await other.getByTestId('specimen-instructions').textContent()) ?? '', /midstream/i);
  // the trough's window opens in 45 min: it is listed, marked not in this draw, and its tube is not in the plan
  const trough = page.locator('[data-testid="collect-order-facts"][data-later="true"]');
  assert.match((await trough.textContent()) ?? '', /Vancomycin trough.*Not in this draw/);
  assert.match((await page.getByTestId('collect-submit').textContent()) ?? '', /Collect 1 tube \+ 1 other specimen/);
  await shot(page, 'collect-timing-fasting-urine');

  // Identify and collect.
  await page.getByTestId('identify-dob').fill(patient.birthDate);
  await page.getByTestId('scan-wristband').fill(patient.mrn);
  await page.getByTestId('scan-wristband').press('Enter');
  await page.getByTestId('identify-ok').waitFor();
  await page.getByTestId('collect-submit').click();
  await page.getByTestId('specimens').waitFor();
  const collected = await page.getByTestId('specimen').evaluateAll((els) => els.map((e) => e.getAttribute('data-container-id')!));
  assert.equal(collected.length, 2, 'the glucose tube and the urine cup; the trough waits for its window');

  // Another tablet: nothing in its bag, but the specimens wait for it with their age.
  const other2 = await signIn('phlebotomist', '/dispatch');
  const p2 = other2.page;
  await p2.getByTestId('dispatch-waiting-list').waitFor();
  for (const id of collected) await p2.locator(`[data-testid="dispatch-waiting-item"][data-container-id="${id}"]`).waitFor();
  await shot(p2, 'dispatch-all-devices');
  for (const id of collected) await p2.locator(`[data-testid="dispatch-waiting-item"][data-container-id="${id}"] input`).check();
  await p2.getByTestId('dispatch-submit').click();
  await p2.getByTestId('dispatch-manifest').waitFor();
  for (const id of collected) await p2.locator(`[data-testid="dispatch-waiting-item"][data-container-id="${id}"]`).waitFor({ state: 'detached' });

  // The receiving desk rejects the glucose tube by eye, then, on a second look, accepts it:
  // the recollect task the rejection created is cancelled and leaves the worklist.
  const gold = await page.getByTestId('specimen').evaluateAll((els) => els.find((e) => e.getAttribute('data-container') === 'SST_GOLD')!.getAttribute('data-container-id')!);
  const lab = await signIn('lab', '/lab/receiving');
  const scan = lab.page.getByTestId('receive-scan');
  await scan.fill(gold);
  await scan.press('Enter');
  await lab.page.locator(`[data-testid="received-specimen"][data-container-id="${gold}"]`).waitFor();
  await lab.page.getByTestId('evaluate-submit').click();
  await lab.page.locator('[data-testid="decision"][data-decision="accept"]').waitFor();
  await lab.page.getByTestId('decision-override').click();
  await lab.page.getByTestId('override-reason').fill('Looks hemolysed at the bench');
  await lab.page.getByTestId('override-confirm').click();
  await lab.page.locator('[data-testid="decision"][data-decision="reject"]').waitFor();
  await lab.page.getByTestId('decision-recollect').waitFor();
  const recollect = async () => (await call<{ items: { taskId: string; description: string; patient: { id: string } | null }[] }>(lab.page, 'GET', '/api/worklist?role=phlebotomist')).body.items
    .filter((i) => i.patient?.id === patient.id && /Recollect/.test(i.description));
  assert.equal((await recollect()).length, 1, 'the rejection put a recollect task on the worklist');
  await lab.page.getByTestId('decision-override').click();
  await lab.page.getByTestId('override-reason').fill('Re-read on the analyser: the hemolysis index is below the cut-off');
  await lab.page.getByTestId('override-confirm').click();
  await lab.page.locator('[data-testid="decision"][data-decision="accept"]').waitFor();
  assert.match((await lab.page.getByTestId('decision-recollect-cancelled').textContent()) ?? '', /cancelled \(1\).*no longer needed/);
  await shot(lab.page, 'receiving-override-cancels-recollect');
  assert.equal((await recollect()).length, 0, 'the recollect task left the worklist');
});

test('order entry: a clinician asks for a fasting lipid panel; the worklist asks the phlebotomist, and a morning cortisol shows its clock window', { skip }, async () => {
  const doc = await signIn('physician');
  const patientId = await doc.page.evaluate(async () => (await (await fetch('/fhir/R4/Patient?_count=3')).json()).entry[2].resource.id as string);
  const place = async (search: string, code: string, fasting?: string) => {
    await doc.page.goto(`/orders/new?patient=${patientId}`);
    await doc.page.getByTestId('order-form').waitFor();
    await doc.page.getByTestId('order-catalogue-search').fill(search);
    await doc.page.locator(`[data-testid="catalogue-item"][data-code="${code}"]`).click();
    if (fasting !== undefined) {
      await doc.page.getByTestId('order-fasting').check();
      await doc.page.getByTestId('order-fasting-hours').fill(fasting);
      await doc.page.getByTestId('order-form').screenshot({ path: 'test-results/order-fasting.png' });
    }
    await doc.page.getByTestId('order-submit').click();
    return (await doc.page.getByTestId('order-result-task').first().getAttribute('data-task-id'))!;
  };
  // a test that always needs a fast shows the box ticked and fixed
  await doc.page.goto(`/orders/new?patient=${patientId}`);
  await doc.page.getByTestId('order-catalogue-search').fill('fasting');
  await doc.page.locator('[data-testid="catalogue-item"][data-code="LAB-GLUCOSE-FASTING"]').click();
  assert.equal(await doc.page.getByTestId('order-fasting').isChecked(), true);
  assert.equal(await doc.page.getByTestId('order-fasting').isDisabled(), true);
  // imaging has no fasting box
  await doc.page.goto(`/orders/new?patient=${patientId}`);
  await doc.page.getByTestId('order-catalogue-search').fill('chest');
  await doc.page.locator('[data-testid="catalogue-item"][data-code="IMG-XR-CHEST-1V"]').click();
  assert.equal(await doc.page.getByTestId('order-fasting').count(), 0);
  const lipid = await place('lipid', 'LAB-LIPID', '12');
  const cortisol = await place('cortisol', 'LAB-CORTISOL-AM');

  const { page } = await signIn('phlebotomist', '/worklist');
  const row = (taskId: string) => page.locator(`[data-testid="worklist-item"][data-task-id="${taskId}"]`);
  await row(lipid).waitFor();
  const fasting = row(lipid).getByTestId('fasting-status');
  assert.equal(await fasting.getAttribute('data-status'), 'unknown');
  assert.match((await fasting.textContent()) ?? '', /Fasting required \(12 h\)/);
  const window = row(cortisol).getByTestId('timed-window');
  assert.match((await window.textContent()) ?? '', /07:00–09:00/, 'the clock window, on the 24 h clock of its label');
  assert.match((await window.textContent()) ?? '', /Morning draw by the clock: 07:00-09:00/);
  await row(lipid).screenshot({ path: 'test-results/worklist-fasting-order.png' });
  await row(cortisol).screenshot({ path: 'test-results/worklist-cortisol.png' });
});

test('during a round each patient is one card with their orders: STAT patients first, live updates land in the card', { skip }, async () => {
  const doc = await signIn('physician');
  const free = await doc.page.evaluate(async () => {
    const bundle = await (await fetch('/fhir/R4/Patient?_count=100')).json();
    const out: { id: string; name: string }[] = [];
    for (const e of bundle.entry) {
      const id = e.resource.id as string;
      const plan = await (await fetch(`/api/patients/${id}/tube-plan`)).json();
      const banner = await (await fetch(`/api/patients/${id}/banner`)).json();
      if (plan.tubes.length === 0 && (plan.others ?? []).length === 0 && banner.mrn) out.push({ id, name: banner.name as string });
      if (out.length === 2) break;
    }
    return out;
  });
  assert.equal(free.length, 2, 'two demo patients without pending lab draws');
  const [ward, urgent] = free;
  const place = async (patientId: string, orderable: string, priority = 'routine') => {
    const r: { status: number; body: { tasks: { taskId: string }[] } } = await call(doc.page, 'POST', '/api/orders', { patientId, orderable, priority });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.tasks[0].taskId;
  };
  const three = [await place(ward.id, 'LAB-CBC'), await place(ward.id, 'LAB-BMP'), await place(ward.id, 'LAB-TSH')];
  const stat = await place(urgent.id, 'LAB-PT-INR', 'stat');
  await place(urgent.id, 'LAB-CBC');

  const { page } = await signIn('phlebotomist', '/worklist');
  await page.locator(`[data-testid="worklist-item"][data-task-id="${three[0]}"]`).waitFor();
  const roundKey = await page.evaluate(async (taskId) => {
    const wl = await (await fetch('/api/worklist?role=phlebotomist')).json();
    return wl.items.find((i: { taskId: string }) => i.taskId === taskId).collection.round.key as string;
  }, three[0]);
  // all rounds at once: the STAT patient's STAT card names the routine order waiting for the round
  const statCard = page.locator(`[data-testid="worklist-card"][data-patient-id="${urgent.id}"][data-stat="true"]`);
  await statCard.waitFor();
  assert.match((await statCard.getByTestId('worklist-card-also').textContent()) ?? '', /1 order in .*\d\d:\d\d.*same visit/);
  await statCard.screenshot({ path: 'test-results/worklist-stat-card-also.png' });
  // the round chooser counts the STAT orders its list will carry
  assert.match((await page.locator(`[data-testid="worklist-round"] option[value="${roundKey}"]`).textContent()) ?? '', /orders? \+ \d+ STAT\)/);
  await page.getByTestId('worklist-round').selectOption(roundKey);
  await page.waitForURL(/round=/);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const card = (patientId: string) => page.locator(`[data-testid="worklist-card"][data-patient-id="${patientId}"]`);
  await card(ward.id).waitFor();
  assert.equal(await card(ward.id).count(), 1, 'one card for the patient');
  assert.deepEqual(await card(ward.id).getByTestId('worklist-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-task-id'))).then((ids) => ids.filter((id) => three.includes(id!)).sort()), [...three].sort(), 'the three orders in it');
  assert.equal(await card(urgent.id).count(), 1, 'the STAT patient: one card with the STAT and the routine order');
  assert.equal(await card(urgent.id).getAttribute('data-stat'), 'true');
  assert.equal(await card(urgent.id).getByTestId('worklist-card-also').count(), 0, 'one group in a round: nothing elsewhere');
  assert.equal(await card(urgent.id).getByTestId('worklist-item').first().getAttribute('data-task-id'), stat, 'the STAT order first in its card');
  const order = await page.getByTestId('worklist-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-stat') === 'true'));
  assert.ok(order.indexOf(false) === -1 || order.slice(order.indexOf(false)).every((s) => !s), 'STAT patients first');
  // times read on the 24-hour clock
  const heading = (await page.getByTestId('worklist-group').first().textContent()) ?? '';
  assert.match(heading, /\d\d:\d\d/);
  assert.doesNotMatch(heading + ((await card(ward.id).textContent()) ?? ''), /\b[AP]M\b/i);
  await shot(page, 'worklist-round-patients');
  await page.screenshot({ path: 'test-results/worklist-round-tablet.png' });
  await card(ward.id).screenshot({ path: 'test-results/worklist-patient-card.png' });

  // a new order for the same patient arrives live, into the same card
  const fourth = await place(ward.id, 'LAB-FERRITIN');
  await card(ward.id).locator(`[data-testid="worklist-item"][data-task-id="${fourth}"]`).waitFor({ timeout: 5000 });
  assert.equal(await card(ward.id).count(), 1);
  assert.equal(await card(ward.id).getByTestId('worklist-card-count').textContent(), '4 orders');
  assert.equal(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'without a reload');

  // per-order actions stay in reach: claim one order, then open the bedside view from the card
  const one = card(ward.id).locator(`[data-testid="worklist-item"][data-task-id="${three[1]}"]`);
  await one.getByTestId('task-accept').click();
  await page.waitForSelector(`[data-testid="worklist-item"][data-task-id="${three[1]}"][data-status="accepted"]`);
  assert.equal(await one.getByTestId('worklist-owner').textContent(), 'You');
  await card(ward.id).getByTestId('patient-collect').click();
  await page.getByTestId('collection-page').waitFor();
  assert.equal(await page.getByTestId('banner-name').textContent(), ward.name);
});
