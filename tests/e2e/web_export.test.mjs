// Exports from the web UI in headless Chromium: a document whose corrected totals disagree is listed as
// refused with its reason, "export anyway" downloads the CSV, and its content is the stored document's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { serveWithChromium, uploadFile } from './lib/browser.mjs';
import { sourceDir } from './lib/serve.mjs';

const sample = path.join(sourceDir, 'samples', 'facture-fr.png');

const running = serveWithChromium();

test('an export lists the documents to fix, then downloads', { timeout: 120000 }, async () => {
  const id = await uploadFile(running.server, sample, 'image/png');
  // A total that cannot be right: the export must refuse the document until forced.
  const fix = await fetch(`${running.server.url}/v1/documents/${id}/fields`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ total_ttc: 1 }),
  });
  assert.equal(fix.status, 200, await fix.text());

  const context = await running.browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  await page.goto(running.server.url + '/');
  await page.locator('#list tbody tr').first().waitFor();
  await page.locator('#export-format').selectOption('csv');
  await page.locator('#export').click();
  await page.locator('#export-refused li').first().waitFor();
  assert.match(await page.locator('#export-refused li').first().textContent(), /facture-fr\.png.*totals_mismatch/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-force').click()]);
  assert.equal(download.suggestedFilename(), 'documents.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  const [header, row] = csv.split('\n');
  assert.match(header, /^id,file,status,schema,invoice_number,/);
  assert.match(row, new RegExp(`^${id},facture-fr\\.png,reviewed,invoice,FA-2024-0117,`));
  assert.match(row, /,1,/, 'the corrected total is exported');
  await page.locator('#export-done').waitFor();
  await context.close();
});

test('the dashboard keeps EUR and MAD apart', { timeout: 120000 }, async () => {
  // The PDF of the sample invoice is another document (other bytes); corrected to a Moroccan supplier in MAD,
  // with its own VAT id and number (else it is a duplicate of the PNG, which the dashboard counts once).
  const id = await uploadFile(running.server, path.join(sourceDir, 'samples', 'facture-fr.pdf'), 'application/pdf');
  const corrections = { currency: 'MAD', total_ttc: 4680, 'supplier.name': 'PORTNET S.A.',
                        'supplier.vat_id': 'MA001524548000088', invoice_number: 'PN-2024-0042' };
  const fix = await fetch(`${running.server.url}/v1/documents/${id}/fields`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(corrections),
  });
  assert.equal(fix.status, 200, await fix.text());

  const context = await running.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  await page.goto(running.server.url + '/#/dashboard');
  await page.locator('#chart-MAD').waitFor();
  await page.locator('#chart-EUR').waitFor();
  assert.equal(await page.locator('#chart-MAD rect').count(), 1, 'one MAD supplier');
  assert.equal(await page.locator('#chart-MAD rect[data-supplier="PORTNET S.A."]').count(), 1);
  assert.equal(await page.locator('#chart-EUR rect[data-supplier="PORTNET S.A."]').count(), 0, 'MAD not drawn on the EUR scale');
  const madRow = page.locator('#stats tbody tr', { hasText: 'PORTNET S.A.' });
  assert.match(await madRow.textContent(), /MAD/);
  await context.close();
});
