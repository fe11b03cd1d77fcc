/**
 * The admin's catalogue editor in real Chromium: an admin changes a test's tube volume and retires a
 * test, and a physician's order form reflects both; export and import of the FHIR Bundle from the page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserSuite, skip, SHOTS } from './browser-suite.js';

const suite = browserSuite();
const { signIn, shot } = suite;

test('an admin edits a tube volume and retires a test; the physician\'s order form follows', { skip }, async () => {
  const admin = await signIn('admin', '/settings/catalogue');
  const { page } = admin;
  await page.getByTestId('catalogue-page').waitFor();
  assert.ok((await page.locator('nav [data-testid^="nav-"]').allTextContents()).includes('Catalogue'));

  await page.getByTestId('catalogue-search').fill('CMP');
  const cmpRow = page.locator('[data-testid="catalogue-row"][data-code="LAB-CMP"]');
  await cmpRow.waitFor();
  await cmpRow.getByTestId('catalogue-edit').click();
  const form = page.locator('[data-testid="catalogue-form"][data-code="LAB-CMP"]');
  await form.waitFor();
  // a minimum above the volume is refused at its field, with the reason
  await page.getByTestId('catalogue-minVolumeMl').fill('9');
  await page.getByTestId('catalogue-save').click();
  const fieldError = page.getByTestId('catalogue-field-error');
  await fieldError.waitFor();
  assert.match((await fieldError.textContent()) ?? '', /minimum volume \(9 mL\) is more than the volume to collect \(2 mL\)/);
  assert.equal(await page.getByTestId('catalogue-minVolumeMl').getAttribute('aria-invalid'), 'true');
  await shot(page, 'catalogue-field-error');
  await page.getByTestId('catalogue-minVolumeMl').fill('');
  await page.getByTestId('catalogue-volumeMl').fill('4');
  await page.getByTestId('catalogue-save').click();
  await page.locator('[data-testid="catalogue-notice"][data-kind="success"]').waitFor();
  // the list reloads after the notice: wait for the row to show the new volume
  await cmpRow.getByTestId('catalogue-row-specimen').filter({ hasText: /Gold SST .* 4 mL/ }).waitFor({ timeout: 5000 });
  await shot(page, 'catalogue');

  await page.getByTestId('catalogue-search').fill('TSH');
  const tshRow = page.locator('[data-testid="catalogue-row"][data-code="LAB-TSH"]');
  await tshRow.getByTestId('catalogue-edit').click();
  await page.locator('[data-testid="catalogue-form"][data-code="LAB-TSH"]').waitFor();
  await page.getByTestId('catalogue-retire').click();
  await page.locator('[data-testid="catalogue-notice"][data-kind="success"]').waitFor();
  assert.match((await page.getByTestId('catalogue-notice').textContent()) ?? '', /TSH \(LAB-TSH\) retired/);
  await tshRow.waitFor({ state: 'detached' });
  await page.getByTestId('catalogue-status-retired').check();
  await page.locator('[data-testid="catalogue-row"][data-code="LAB-TSH"][data-status="retired"]').waitFor();

  const doc = await signIn('physician');
  const patientId = await doc.page.evaluate(async () => (await (await fetch('/fhir/R4/Patient?_count=1')).json()).entry[0].resource.id as string);
  await doc.page.goto(`/orders/new?patient=${patientId}`);
  await doc.page.getByTestId('order-form').waitFor();
  await doc.page.getByTestId('order-catalogue-search').fill('metabolic');
  const cmp = doc.page.locator('[data-testid="catalogue-item"][data-code="LAB-CMP"]');
  await cmp.waitFor();
  assert.match((await cmp.getByTestId('catalogue-item-specimen').textContent()) ?? '', /4 mL/);
  await doc.page.getByTestId('order-catalogue-search').fill('TSH');
  await doc.page.getByText('Nothing in the catalogue matches.').waitFor();
  assert.equal(await doc.page.locator('[data-testid="catalogue-item"][data-code="LAB-TSH"]').count(), 0);
  await shot(doc.page, 'catalogue-order-form');
});

test('the admin adds a test, exports the catalogue as a FHIR Bundle and imports it back; a bad file changes nothing', { skip }, async () => {
  const { page } = await signIn('admin', '/settings/catalogue');
  await page.getByTestId('catalogue-page').waitFor();
  await page.getByTestId('catalogue-add').click();
  await page.locator('[data-testid="catalogue-form"][data-code=""]').waitFor();
  await page.getByTestId('catalogue-code').fill('LAB-VITD');
  await page.getByTestId('catalogue-display').fill('Vitamin D, 25-hydroxy');
  await page.getByTestId('catalogue-codingCode').fill('62292-8');
  await page.getByTestId('catalogue-codingDisplay').fill('25-hydroxyvitamin D');
  await page.getByTestId('catalogue-volumeMl').fill('1');
  await page.getByTestId('catalogue-handling').selectOption('refrigerated');
  await page.getByTestId('catalogue-protectFromLight').check();
  await page.getByTestId('catalogue-form').screenshot({ path: `${SHOTS}/catalogue-new.png` });
  await page.getByTestId('catalogue-save').click();
  await page.locator('[data-testid="catalogue-notice"][data-kind="success"]').waitFor();
  await page.getByTestId('catalogue-search').fill('vitamin d');
  const row = page.locator('[data-testid="catalogue-row"][data-code="LAB-VITD"]');
  assert.match((await row.getByTestId('catalogue-row-specimen').textContent()) ?? '', /Gold SST .* 1 mL, refrigerated, protect from light/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('catalogue-export').click()]);
  const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.ok(bundle.entry.some((e: any) => e.resource.resourceType === 'SpecimenDefinition' && e.resource.id === 'LAB-LACTATE'));

  await page.getByTestId('catalogue-import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a bundle') });
  const notice = page.getByTestId('catalogue-notice');
  await page.locator('[data-testid="catalogue-notice"][data-kind="error"]').waitFor();
  assert.match((await notice.textContent()) ?? '', /Nothing was imported\. notes\.txt is not JSON/);

  await page.getByTestId('catalogue-import-file').setInputFiles({ name: 'catalogue.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle)) });
  await page.locator('[data-testid="catalogue-notice"][data-kind="success"]').waitFor();
  assert.match((await notice.textContent()) ?? '', new RegExp(`Imported ${bundle.entry.filter((e: any) => e.resource.resourceType === 'ActivityDefinition').length} entries from catalogue.json`));
});
