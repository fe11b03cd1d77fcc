/**
 * The web app in real Chromium against the real server with demo data: sign-in, a physician's
 * STAT order arriving live on a phlebotomist's worklist, route-level 403, and a lost session
 * returning to the login page. Screenshots of each workspace go to test-results/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, skip, PHONE, SHOTS, TABLET } from './browser-suite.js';

const suite = browserSuite();
const { newPage, signIn, shot } = suite;

test('a wrong password says so and stays on the login page', { skip }, async () => {
  const { page } = await newPage();
  await page.goto('/worklist');
  await page.getByTestId('login-form').waitFor();
  assert.match(page.url(), /\/login\?next=%2Fworklist$/);
  await shot(page, 'login');
  await page.getByTestId('login-username').fill(suite.server.logins.coder.username);
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /Wrong username or password/);
  await shot(page, 'login-error');
});

test('a physician STAT order appears live on the phlebotomist worklist, STAT first', { skip }, async () => {
  // The phlebotomist is already looking at the worklist before the order exists.
  const phleb = await signIn('phlebotomist');
  await phleb.page.getByTestId('worklist-page').waitFor();
  await phleb.page.waitForSelector('[data-testid="live-indicator"][data-state="live"]');
  await phleb.page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const doc = await signIn('physician');
  assert.equal(new URL(doc.page.url()).pathname, '/patients');
  // the Notices item may carry the count of critical values waiting for this physician
  const navTexts = (await doc.page.locator('nav [data-testid^="nav-"]').allTextContents()).map((t) => t.replace(/\d+\+?$/, ''));
  assert.deepEqual(navTexts, ['Patients', 'Notices', 'Order entry', 'Turnaround']);
  const family = await doc.page.evaluate(async () => {
    const bundle = await (await fetch('/fhir/R4/Patient?_count=1&_sort=family')).json();
    return bundle.entry[0].resource.name[0].family as string;
  });
  await doc.page.getByTestId('patient-search-input').fill(family);
  await doc.page.getByTestId('patient-result').first().waitFor();
  await shot(doc.page, 'patients');
  await doc.page.getByTestId('patient-result').first().click();
  const banner = doc.page.getByTestId('patient-banner');
  await banner.waitFor();
  assert.match((await doc.page.getByTestId('banner-name').textContent()) ?? '', new RegExp(family));
  assert.match((await doc.page.getByTestId('banner-allergies').textContent()) ?? '', /No known allergies|⚠/);
  await shot(doc.page, 'patient');

  await doc.page.getByTestId('new-order-link').click();
  await doc.page.getByTestId('order-form').waitFor();
  await doc.page.getByTestId('order-catalogue-search').fill('CBC');
  await doc.page.locator('[data-testid="catalogue-item"][data-code="LAB-CBC"]').click();
  await doc.page.getByTestId('order-priority-stat').check();
  await doc.page.getByTestId('order-reason-code').fill('not a code');
  await doc.page.getByTestId('order-submit').click();
  await doc.page.locator('#reasonCode-error').waitFor();
  assert.equal(await doc.page.getByTestId('order-reason-code').getAttribute('aria-invalid'), 'true');
  await doc.page.getByTestId('order-reason-code').fill('D64.9');
  await shot(doc.page, 'order-entry');
  await doc.page.getByTestId('order-submit').click();
  const task = doc.page.getByTestId('order-result-task').first();
  await task.waitFor();
  const taskId = await task.getAttribute('data-task-id');
  assert.ok(taskId);
  await shot(doc.page, 'order-placed');

  const row = phleb.page.locator(`[data-testid="worklist-item"][data-task-id="${taskId}"]`);
  await row.waitFor({ timeout: 5000 });
  assert.equal(await phleb.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'the list updated without a reload');
  assert.equal(await row.getAttribute('data-priority'), 'stat');
  const order = await phleb.page.getByTestId('worklist-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-priority')));
  const firstOther = order.findIndex((p) => p !== 'stat');
  assert.ok(firstOther === -1 || order.slice(firstOther).every((p) => p !== 'stat'), 'STAT tasks come first');
  await shot(phleb.page, 'worklist');

  await row.getByTestId('task-accept').click();
  await phleb.page.waitForSelector(`[data-testid="worklist-item"][data-task-id="${taskId}"][data-status="accepted"]`);
  assert.equal(await row.getByTestId('worklist-owner').textContent(), 'You');
  await phleb.page.setViewportSize(PHONE);
  await phleb.page.screenshot({ path: `${SHOTS}/worklist-phone.png` });
});

test('claiming a task someone else just claimed says who has it and refreshes the list', { skip }, async () => {
  const phleb = await signIn('phlebotomist');
  // The admin's stream is cut, so the admin's list keeps the old version of the task.
  const admin = await newPage();
  await admin.page.route('**/api/worklist/stream**', (route) => route.abort());
  await admin.page.goto('/worklist?role=phlebotomist');
  await admin.page.getByTestId('login-username').fill(suite.server.logins.admin.username);
  await admin.page.getByTestId('login-password').fill(suite.server.logins.admin.password);
  await admin.page.getByTestId('login-submit').click();
  await admin.page.getByTestId('worklist-item').first().waitFor();

  await phleb.page.getByTestId('worklist-item').first().waitFor();
  const taskId = await phleb.page.locator('[data-testid="worklist-item"][data-status="requested"]').first().getAttribute('data-task-id');
  await phleb.page.locator(`[data-task-id="${taskId}"]`).getByTestId('task-accept').click();
  await phleb.page.waitForSelector(`[data-task-id="${taskId}"][data-status="accepted"]`);

  await admin.page.locator(`[data-task-id="${taskId}"]`).getByTestId('task-accept').click();
  const notice = admin.page.getByTestId('worklist-notice');
  await notice.waitFor();
  assert.match((await notice.textContent()) ?? '', /Already claimed by .+/);
  await admin.page.waitForSelector(`[data-task-id="${taskId}"][data-status="accepted"]`);
  await shot(admin.page, 'worklist-conflict');
});

test('a phlebotomist sent to /audit gets the Forbidden page', { skip }, async () => {
  const { page } = await signIn('phlebotomist', '/audit');
  const forbidden = page.getByTestId('forbidden');
  await forbidden.waitFor();
  const text = (await forbidden.textContent()) ?? '';
  assert.match(text, /403/);
  assert.match(text, /Audit log is for: Administrator/);
  assert.equal(await page.getByTestId('nav-audit').count(), 0);
  await shot(page, 'forbidden');
  await page.getByTestId('forbidden-home').click();
  await page.getByTestId('worklist-page').waitFor();
});

test('an admin reads the audit log, filtered by user', { skip }, async () => {
  const { page } = await signIn('admin', '/audit');
  await page.getByTestId('audit-table').waitFor();
  await page.getByTestId('audit-username').fill('physician');
  await page.getByTestId('audit-apply').click();
  await page.waitForURL(/username=physician/);
  await page.getByTestId('audit-table').waitFor();
  const users = await page.locator('[data-testid="audit-row"] td:nth-child(3)').allTextContents();
  assert.ok(users.length > 0 && users.every((u) => u.startsWith('physician')), `rows for physician only: ${users.slice(0, 3).join(', ')}`);
  await shot(page, 'audit');
});

test('when the session ends, the next call returns to the login page', { skip }, async () => {
  const { context, page } = await signIn('admin', '/worklist?role=imaging_technologist');
  await page.getByTestId('worklist-page').waitFor();
  await context.clearCookies();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByTestId('login-form').waitFor();
  assert.match(page.url(), /\/login\?next=%2Fworklist%3Frole%3Dimaging_technologist$/);
});

test('every navigation item of the widest menu (admin) is on screen on a tablet and a phone', { skip }, async () => {
  for (const viewport of [TABLET, PHONE]) {
    const { page } = await signIn('admin', '/', viewport);
    const links = page.locator('.app-nav .nav-link');
    const count = await links.count();
    assert.ok(count >= 8, `admin menu has ${count} items`);
    for (let i = 0; i < count; i++) {
      const box = await links.nth(i).boundingBox();
      assert.ok(box, `nav item ${i} has no box`);
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, `"${await links.nth(i).textContent()}" is cut off at ${viewport.width}px wide (x ${Math.round(box.x)}, width ${Math.round(box.width)})`);
    }
    await shot(page, `admin-nav-${viewport.width}`);
  }
});
