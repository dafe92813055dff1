// Duplicates in the web UI in headless Chromium: the PDF of an invoice whose PNG is stored (other bytes, so
// another document) is flagged in the upload view and in the list with a link to the first copy, the list
// filters them, the dashboard counts the invoice once, and an export refuses the copy.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { serveWithChromium } from './lib/browser.mjs';
import { sourceDir } from './lib/serve.mjs';

const samples = path.join(sourceDir, 'samples');

const running = serveWithChromium();

test('a duplicate upload is flagged', { timeout: 180000 }, async () => {
  const context = await running.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(90000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(running.server.url + '/');

  // The first copy is new: the upload opens it for review, with no flag.
  await page.locator('#file-input').setInputFiles(path.join(samples, 'facture-fr.png'));
  await page.waitForURL(/#\/doc\/\d+$/);
  const first = page.url().match(/#\/doc\/(\d+)$/)[1];
  await page.locator('#doc-name').waitFor();
  assert.equal(await page.locator('.badge.duplicate').count(), 0, 'the first copy is no duplicate');

  // The PDF of the same invoice: flagged in the upload view, and the page stays there to show it.
  await page.goto(running.server.url + '/#/');
  await page.locator('#file-input').setInputFiles(path.join(samples, 'facture-fr.pdf'));
  await page.locator('#uploads [data-upload-status="done"]').waitFor();
  const uploadBadge = page.locator('#uploads .badge.duplicate');
  assert.equal(await uploadBadge.getAttribute('data-duplicate-of'), first);
  assert.equal(await uploadBadge.textContent(), `duplicate of #${first}`);

  // The list: a badge on the PDF's row only, linking to the first copy.
  const pdfRow = page.locator('#list tbody tr', { hasText: 'facture-fr.pdf' });
  await pdfRow.locator('.badge.duplicate').waitFor();
  assert.equal(await pdfRow.locator('.badge.duplicate').getAttribute('href'), `#/doc/${first}`);
  const pngRow = page.locator(`#list tbody tr[data-id="${first}"]`);
  assert.equal(await pngRow.locator('.badge').count(), 0);

  // The duplicates filter.
  await page.locator('#duplicates-filter').selectOption('only');
  await page.locator('#list tbody tr').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#list tbody tr').length === 1);
  assert.match(await page.locator('#list tbody tr').textContent(), /facture-fr\.pdf/);
  await page.locator('#duplicates-filter').selectOption('exclude');
  await page.waitForFunction(() => document.querySelector('#list tbody tr')?.textContent.includes('facture-fr.png'));
  assert.equal(await page.locator('#list tbody tr').count(), 1);

  // An export refuses the copy and says of which document it is one.
  await page.locator('#duplicates-filter').selectOption('');
  await page.locator('#export-format').selectOption('csv');
  await page.locator('#export').click();
  await page.locator('#export-refused li').first().waitFor();
  assert.equal(await page.locator('#export-refused li').count(), 1);
  assert.match(await page.locator('#export-refused li').textContent(), new RegExp(`facture-fr\\.pdf.*duplicate of #${first}`));

  // The badge leads to the first copy, whose review page has no flag.
  await pdfRow.locator('.badge.duplicate').click();
  await page.waitForURL(new RegExp(`#/doc/${first}$`));
  await page.locator('#doc-name', { hasText: 'facture-fr.png' }).waitFor();

  // The dashboard counts the invoice once: one row of 828 EUR, and the chart agrees.
  await page.goto(running.server.url + '/#/dashboard');
  const rows = page.locator('#stats tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 1);
  const cells = await rows.first().locator('td').allTextContents();
  assert.equal(cells[2], 'EUR');
  assert.equal(cells[3], '1', 'counted once');
  assert.match(cells[4], /^828\.00 EUR$/);
  assert.equal(await page.locator('#chart-EUR rect').count(), 1);
  assert.match(await page.locator('#chart-EUR rect title').textContent(), /828\.00 EUR$/);
  assert.deepEqual(errors, []);
  await context.close();
});
