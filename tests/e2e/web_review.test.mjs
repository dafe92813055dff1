// The review page in headless Chromium: each field's box visible and tied to its field both ways, fields in
// schema order under group labels, and the line-item table edited with its sums checked live. With
// TEXTRA_SCREENSHOTS=DIR it saves the screenshots docs/ui.md shows.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { serveWithChromium, uploadFile } from './lib/browser.mjs';
import { sourceDir } from './lib/serve.mjs';

const screenshots = process.env.TEXTRA_SCREENSHOTS;

let documentId;
const running = serveWithChromium({
  prepare: async ({ server }) => {
    documentId = await uploadFile(server, path.join(sourceDir, 'samples', 'facture-fr.png'), 'image/png');
  },
});

async function openReview(locale = 'fr-FR') {
  const context = await running.browser.newContext({ locale, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(60000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${running.server.url}/#/doc/${documentId}`);
  await page.locator('#fields input[data-path="invoice_number"]').waitFor();
  await page.waitForFunction(() => document.getElementById('page-image')?.naturalWidth > 0);
  await page.locator('.page .box[data-path="total_ttc"]').first().waitFor();
  return { context, page, errors };
}

test('a field\'s box is visible in its colour and tied to the field both ways', { timeout: 120000 }, async () => {
  const { context, page, errors } = await openReview();
  const row = page.locator('#fields tr[data-path="total_ttc"]');
  const box = page.locator('.box[data-path="total_ttc"]').first();
  assert.ok(await box.isVisible(), 'the box is drawn');
  // The box is drawn in the colour of the field's swatch.
  const colours = await page.evaluate(() => ({
    swatch: getComputedStyle(document.querySelector('#fields tr[data-path="total_ttc"] .swatch')).backgroundColor,
    box: getComputedStyle(document.querySelector('.box[data-path="total_ttc"]')).borderTopColor,
  }));
  assert.equal(colours.box, colours.swatch);
  // Field -> box: hovering the field marks its box and only its box.
  await row.hover();
  await page.locator('.box[data-path="total_ttc"][data-active]').first().waitFor();
  assert.equal(await page.locator('.box[data-active]:not([data-path="total_ttc"])').count(), 0);
  // Box -> field: clicking another field's box focuses that field's input.
  await page.locator('.box[data-path="invoice_number"]').first().click();
  assert.deepEqual(await page.evaluate(() => [document.activeElement.tagName, document.activeElement.dataset.path]),
                   ['INPUT', 'invoice_number']);
  // Keyboard: Alt+Down goes to the next field.
  await page.keyboard.press('Alt+ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), 'invoice_date');
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'review-boxes.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('fields come in schema order under their group labels', { timeout: 120000 }, async () => {
  const { context, page, errors } = await openReview();
  const paths = await page.locator('#fields tr[data-path]').evaluateAll((rows) => rows.map((r) => r.dataset.path));
  // Schema order within the groups: document (with the currency), supplier, customer, totals.
  const order = ['invoice_number', 'invoice_date', 'due_date', 'currency', 'supplier.name', 'supplier.address',
                 'customer.name', 'total_ht', 'total_tva', 'total_ttc', 'amount_due'];
  const positions = order.map((p) => paths.indexOf(p));
  assert.ok(positions.every((p) => p >= 0), `every field listed: ${paths}`);
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, `schema order: ${paths}`);
  const legends = await page.locator('#fields legend').allTextContents();
  for (const legend of ['Document', 'Fournisseur', 'Client', 'Totaux', 'Lignes']) assert.ok(legends.includes(legend), legends.join());
  assert.equal(await page.locator('#fields tr[data-path="total_ht"] th').textContent(), 'Total HT');
  assert.equal(await page.locator('#fields tr[data-path="due_date"] th').textContent(), 'Échéance');
  assert.deepEqual(errors, []);
  await context.close();
});

test('line items are edited in a table whose sums are checked live', { timeout: 120000 }, async () => {
  const { context, page, errors } = await openReview('en-US');
  const table = page.locator('#items-line_items tbody');
  const before = await table.locator('tr').count();
  for (let i = before; i < 2; i++) await page.locator('.items .add-row').click();
  await page.locator('.items .add-row').click();  // one more, removed below
  const rows = table.locator('tr');
  assert.equal(await rows.count(), Math.max(before, 2) + 1);
  await rows.last().locator('button.remove').click();
  assert.equal(await rows.count(), Math.max(before, 2));
  // Keep two rows: 2 x 10 = 25 is a wrong line, and 25 + 100 is not the net total 690.
  while (await rows.count() > 2) await rows.last().locator('button.remove').click();
  const cell = (r, c) => rows.nth(r).locator(`input[data-column="${c}"]`);
  await cell(0, 'description').fill('Conseil');
  await cell(0, 'quantity').fill('2');
  await cell(0, 'unit_price').fill('10');
  await cell(0, 'amount').fill('25');
  await cell(1, 'description').fill('Formation');
  await cell(1, 'amount').fill('100');
  assert.ok(await rows.nth(0).evaluate((tr) => tr.classList.contains('mismatch')), 'quantity x unit price flagged');
  await page.locator('.items-status.sum-mismatch').waitFor();
  assert.match(await page.locator('.items-status').textContent(), /125\.00.*690\.00/);
  // Fixing the amounts clears both flags.
  await cell(0, 'amount').fill('20');
  await cell(1, 'amount').fill('670');
  assert.equal(await page.locator('.items-status.sum-mismatch').count(), 0);
  assert.ok(!(await rows.nth(0).evaluate((tr) => tr.classList.contains('mismatch'))));
  // Split the second row: a new row under it, then save and find the table again after a reload.
  await rows.nth(1).locator('button.split').click();
  assert.equal(await rows.count(), 3);
  await cell(2, 'description').fill('Formation (suite)');
  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'review-line-items.png') });
  await page.locator('#save').click();
  await page.locator('#save-status', { hasText: 'Corrections saved' }).waitFor();
  await page.reload();
  await table.locator('tr').nth(2).waitFor();
  assert.equal(await table.locator('tr').count(), 3);
  assert.equal(await cell(1, 'amount').inputValue(), '670');
  assert.equal(await cell(2, 'description').inputValue(), 'Formation (suite)');
  assert.deepEqual(errors, []);
  await context.close();
});
