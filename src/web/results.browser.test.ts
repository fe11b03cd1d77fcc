/**
 * A critical value reaching the ordering physician in real Chromium: the Notices count rises
 * without a reload, the physician acknowledges it, opens the chart and reads the results with
 * their flags and trends. Screenshots: notices.png, results.png.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Communication, DiagnosticReport } from '@medplum/fhirtypes';
import { browserSuite, skip } from './browser-suite.js';
import { findUser } from '../store/users.js';
import type { RequestContext } from '../store/repository.js';

const suite = browserSuite();
const { signIn, shot } = suite;

test('a critical value: live count, acknowledge, then the chart\'s results with flags and trends', { skip }, async () => {
  const { store, logins } = suite.server;
  const physician = (await findUser(store.db, logins.physician.username))!;
  const ctx: RequestContext = { tenant: physician.tenant, user: { id: 'lab-system', username: 'lab-system', role: 'lab' }, source: 'test' };
  // the patient with the most reports
  const reports = await store.repo.search(ctx, 'DiagnosticReport', new URLSearchParams({ _count: '500' }), { audit: false });
  const counts = new Map<string, number>();
  for (const d of reports.resources as DiagnosticReport[]) counts.set(d.subject!.reference!, (counts.get(d.subject!.reference!) ?? 0) + 1);
  const subject = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];

  const doc = await signIn('physician');
  const { page } = doc;
  const countOf = async () => Number((await page.getByTestId('notices-count').textContent({ timeout: 100 }).catch(() => '0')) || 0);
  await page.getByTestId('nav-notices').waitFor();
  await page.waitForTimeout(300); // the first count has loaded
  const before = await countOf();

  // the lab's system sends a critical value while the physician is looking at another page
  const notice = (await store.repo.create<Communication>(ctx, {
    resourceType: 'Communication', status: 'completed', priority: 'stat',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'alert' }], text: 'Critical lab value' }],
    subject: { reference: subject }, recipient: [{ reference: `Practitioner/${physician.practitionerId}` }], sent: new Date().toISOString(),
    sender: { display: 'Hospital Laboratory' }, payload: [{ contentString: 'CRITICAL: Potassium 6.9 mmol/L (HH; ref 3.5-5.1)' }],
  })).resource;
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="notices-count"]')?.textContent ?? 0) === n, before + 1, { timeout: 5000 });

  await page.getByTestId('nav-notices').click();
  const card = page.locator(`[data-testid="notice"][data-notice-id="${notice.id}"]`);
  await card.waitFor();
  assert.match((await card.textContent()) ?? '', /CRITICAL: Potassium 6\.9 mmol\/L/);
  assert.match((await card.textContent()) ?? '', /Critical value/);
  assert.match((await card.getByTestId('notice-waiting').textContent()) ?? '', /^(just now|waiting \d+ min)$/);
  await shot(page, 'notices');

  await card.getByTestId('notice-acknowledge').click();
  await card.waitFor({ state: 'detached' });
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="notices-count"]')?.textContent ?? 0) === n, before, { timeout: 5000 });
  await page.getByTestId('notices-all').click();
  const done = page.locator(`[data-testid="notice"][data-notice-id="${notice.id}"]`);
  await done.getByTestId('notice-acknowledged').waitFor();
  assert.match((await done.getByTestId('notice-acknowledged').textContent()) ?? '', /Acknowledged .* by .*MD/);

  // from the notice to the chart: results with flags, ranges and trend charts
  await done.getByTestId('notice-patient').click();
  await page.getByTestId('patient-results').waitFor();
  await page.getByTestId('result-report').first().waitFor();
  assert.equal(await page.getByTestId('result-report').count(), counts.get(subject));
  const firstRow = page.getByTestId('result-value').first();
  assert.match((await firstRow.textContent()) ?? '', /\d/);
  assert.ok((await page.getByTestId('sparkline').count()) >= 1, 'a trend chart for tests drawn on two mornings');
  const label = await page.getByTestId('sparkline').first().getAttribute('aria-label');
  assert.match(label ?? '', /: [\d.]+ → [\d.]+/);
  await shot(page, 'results');

  // "Abnormal only" hides the normal values
  const all = await page.getByTestId('result-value').count();
  await page.getByTestId('abnormal-only').check();
  const abnormal = await page.getByTestId('result-value').count();
  assert.ok(abnormal < all, `${abnormal} abnormal of ${all}`);
  for (const row of await page.getByTestId('result-value').all()) assert.match((await row.getAttribute('class')) ?? '', /abnormal|critical/);
});

test('a phlebotomist\'s chart has no results section and no Notices item', { skip }, async () => {
  const { page } = await signIn('phlebotomist', '/patients');
  assert.equal(await page.getByTestId('nav-notices').count(), 0);
  await page.getByTestId('patient-search-input').fill('a');
  await page.getByTestId('patient-search-input').fill('an');
  await page.getByTestId('patient-result').first().click();
  await page.getByTestId('patient-page').waitFor();
  assert.equal(await page.getByTestId('patient-results').count(), 0);
});
