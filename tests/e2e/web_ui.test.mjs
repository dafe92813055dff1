// The web UI in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core): upload the sample
// invoice, check its fields over the page image, highlight a field's box, correct a value, reload and find
// the correction kept, then the dashboard with the corrected supplier in its chart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { serveWithChromium, uploadFile } from './lib/browser.mjs';
import { sourceDir, startServe } from './lib/serve.mjs';

const sample = path.join(sourceDir, 'samples', 'facture-fr.png');
const corrected = 'ATELIER DUVAL ET FILS';

const running = serveWithChromium();

test('upload, review, correct, reload, dashboard', { timeout: 120000 }, async () => {
  // French labels: the browser says it prefers French.
  const context = await running.browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const foreign = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(running.server.url) && !request.url().startsWith('data:')) foreign.push(request.url());
  });

  await page.goto(running.server.url + '/');
  await page.locator('#drop').waitFor();
  assert.equal(await page.locator('#choose-files').textContent(), 'choisissez des fichiers');

  // The keyboard way to upload: Enter on the focused button opens the (multiple) file input.
  await page.evaluate(() => document.getElementById('file-input').addEventListener('click', (e) => {
    e.preventDefault();
    document.body.dataset.chooserOpened = String(e.target.multiple);
  }));
  await page.locator('#choose-files').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.chooserOpened === 'true');

  // Drop the invoice on the drop zone; its progress bar fills, and one file opens its document when extracted.
  const dataTransfer = await page.evaluateHandle(({ bytes, name }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'image/png' }));
    return transfer;
  }, { bytes: [...readFileSync(sample)], name: path.basename(sample) });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer });
  await page.locator('#uploads progress').waitFor();
  await page.waitForURL(/#\/doc\/\d+$/);
  const documentUrl = page.url();

  // The fields the NER engine read, beside the page image.
  const field = (p) => page.locator(`#fields input[data-path="${p}"]`);
  await field('invoice_number').waitFor();
  assert.equal(await field('invoice_number').inputValue(), 'FA-2024-0117');
  assert.equal(await field('total_ttc').inputValue(), '828');
  assert.equal(await field('supplier.name').inputValue(), 'ATELIER DUVAL SARL');
  assert.equal(await page.locator('#fields tr[data-path="invoice_number"] th').textContent(), 'Numéro de facture');
  await page.waitForFunction(() => document.getElementById('page-image')?.naturalWidth > 0);
  // Boxes are drawn once the image has laid out, which may come a moment after it has loaded.
  await page.locator('.page .box').nth(2).waitFor({ timeout: 10000 }).catch(() => {});
  assert.ok(await page.locator('.page .box').count() >= 3, 'boxes drawn over the page');

  // Clicking a field marks its box, and only its box.
  await page.locator('#fields tr[data-path="total_ttc"] th').click();
  await page.locator('.box[data-path="total_ttc"][data-active]').first().waitFor();
  assert.equal(await page.locator('.box[data-active]:not([data-path="total_ttc"])').count(), 0);
  const box = await page.locator('.box[data-path="total_ttc"]').first().boundingBox();
  const image = await page.locator('#page-image').boundingBox();
  assert.ok(box.width > 0 && box.x >= image.x && box.x + box.width <= image.x + image.width + 1, 'box inside the page');

  // Correct the supplier and save (Enter submits the form: keyboard only).
  await field('supplier.name').fill(corrected);
  await field('supplier.name').press('Enter');
  await page.locator('#save-status', { hasText: 'Corrections enregistrées' }).waitFor();

  // After a reload the correction is shown, with the machine's value beside it.
  await page.reload();
  await field('supplier.name').waitFor();
  assert.equal(page.url(), documentUrl);
  assert.equal(await field('supplier.name').inputValue(), corrected);
  assert.match(await page.locator('[data-corrected="supplier.name"]').textContent(), /ATELIER DUVAL SARL/);
  assert.equal(await field('invoice_number').inputValue(), 'FA-2024-0117');

  // The list has the document under its corrected supplier.
  await page.locator('a[href="#/"]').first().click();
  await page.locator('#list tbody tr', { hasText: corrected }).waitFor();

  // The dashboard: the corrected supplier in the table and in the chart; English labels after the toggle.
  await page.locator('header a[href="#/dashboard"]').click();
  await page.locator('#stats tbody tr', { hasText: corrected }).waitFor();
  assert.match(await page.locator('#stats tbody tr', { hasText: corrected }).textContent(), /828/);
  assert.equal(await page.locator(`#chart-EUR rect[data-supplier="${corrected}"]`).count(), 1);
  await page.locator('#lang-toggle').click();
  await page.locator('#chart-EUR').waitFor();
  assert.equal(await page.locator('header a[href="#/dashboard"]').textContent(), 'Dashboard');

  assert.deepEqual(pageErrors, [], 'no script errors');
  assert.deepEqual(foreign, [], 'nothing fetched from another host (no CDN)');
  await context.close();
});

test('with --token the UI sends the token, page images included', { timeout: 120000 }, async () => {
  const guarded = await startServe(['--token', 'e2e-secret']);
  const context = await running.browser.newContext({ locale: 'en-US' });
  try {
    await context.addInitScript(() => localStorage.setItem('textra.token', 'e2e-secret'));
    const page = await context.newPage();
    page.setDefaultTimeout(60000);
    await page.goto(guarded.url + '/');
    await page.locator('#list').waitFor();
    assert.equal(await page.locator('#choose-files').textContent(), 'choose files');
    await page.locator('#file-input').setInputFiles(sample);
    await page.waitForURL(/#\/doc\/\d+$/);
    await page.waitForFunction(() => document.getElementById('page-image')?.naturalWidth > 0);
    assert.equal(await page.locator('#fields input[data-path="invoice_number"]').inputValue(), 'FA-2024-0117');
  } finally {
    await context.close();
    await guarded.stop();
  }
});
