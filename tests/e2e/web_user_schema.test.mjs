// A user's schema with its own field names (tests/fields/data/ma_facture.json: fournisseur, montant_ht,
// montant_total, lignes[].montant ...) in headless Chromium: the dashboard lists its supplier and total
// (the store's summary reads the roles), the review page checks its line items against its net total by
// role, and a correction saved under the schema's own name shows in the list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { serveWithChromium, uploadFile } from './lib/browser.mjs';
import { sourceDir } from './lib/serve.mjs';

let documentId;
const running = serveWithChromium({
  prepare: async ({ server }) => {
    const schema = readFileSync(path.join(sourceDir, 'tests', 'fields', 'data', 'ma_facture.json'));
    const put = await fetch(server.url + '/v1/schemas/ma_facture',
                            { method: 'PUT', body: schema, headers: { 'Content-Type': 'application/json' } });
    assert.equal(put.status, 200, await put.text());
    documentId = await uploadFile(server, path.join(sourceDir, 'samples', 'facture-fr.pdf'), 'application/pdf',
                                  { schema: 'ma_facture' });
  },
});

test('a user schema is listed, checked by role and corrected under its own names', { timeout: 120000 }, async () => {
  const context = await running.browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto(`${running.server.url}/#/`);
  const listed = page.locator(`tr[data-id="${documentId}"]`);
  await listed.waitFor();
  assert.match(await listed.textContent(), /ATELIER DUVAL SARL.*2024-03-12.*828/);

  await page.goto(`${running.server.url}/#/doc/${documentId}`);
  await page.locator('#fields input[data-path="montant_total"]').waitFor();
  assert.equal(await page.locator('#fields input[data-path="total_ttc"]').count(), 0);
  // The line items are "lignes"; their amounts are summed against the field in the total_net role.
  const rows = page.locator('#items-lignes tbody tr');
  assert.equal(await rows.count(), 3);
  await rows.nth(0).locator('input[data-column="montant"]').fill('400');
  await page.locator('.items-status.sum-mismatch').waitFor();
  assert.match(await page.locator('.items-status').textContent(), /640\.00.*690\.00/);
  await rows.nth(0).locator('input[data-column="montant"]').fill('450');
  assert.equal(await page.locator('.items-status.sum-mismatch').count(), 0);

  await page.locator('#fields input[data-path="fournisseur"]').fill('DUVAL SARL');
  await page.locator('#save').click();
  await page.locator('#save-status', { hasText: 'Corrections saved' }).waitFor();
  await page.goto(`${running.server.url}/#/`);
  await page.locator(`tr[data-id="${documentId}"]`, { hasText: 'DUVAL SARL' }).waitFor();
  assert.doesNotMatch(await page.locator(`tr[data-id="${documentId}"]`).textContent(), /ATELIER/);
  assert.deepEqual(errors, []);
  await context.close();
});
