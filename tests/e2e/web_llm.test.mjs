// The web UI with a language model in headless Chromium: the user picks the engine and a model the server
// serves (`textra serve --models DIR` with the tiny chat fixtures), uploads a page, and gets the review page
// of a result read by that model, its values' boxes drawn as for the NER engine. The fixture's weights are
// random: its text is gibberish, so the box check uses a field whose only allowed value is a word of the page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchChromium } from './lib/browser.mjs';
import { chatModelsDir, phi3 } from './lib/models.mjs';
import { sourceDir, startServe } from './lib/serve.mjs';

const sample = path.join(sourceDir, 'samples', 'facture-fr.png');

let server;
let browser;

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The review page of document `id`, once its page image and fields are shown.
async function openReview(page, id) {
  await page.goto(`${server.url}/#/doc/${id}`);
  await page.locator('#fields tr[data-path]').first().waitFor();
  await page.waitForFunction(() => document.getElementById('page-image')?.naturalWidth > 0);
}

test('the user picks the language model, uploads, and reviews its result', { timeout: 300000 }, async (t) => {
  const models = chatModelsDir(t);
  if (!models) return;
  server = await startServe(['--models', models]);
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(120000);
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));

  await page.goto(server.url + '/');
  await page.locator('#list').waitFor();
  assert.equal(await page.locator('#model').isVisible(), false, 'no model list for the NER engine');
  await page.locator('#engine').selectOption('llm');
  // The model list is the server's (GET /v1/models).
  await page.locator(`#model option[value="${phi3}"]`).waitFor({ state: 'attached' });
  const listed = await page.locator('#model option').evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual(listed.sort(), ['tiny-llama3-chat-q8_0', phi3].sort());
  await page.locator('#model').selectOption(phi3);
  await page.locator('#file-input').setInputFiles(sample);
  await page.waitForURL(/#\/doc\/\d+$/);
  const id = page.url().match(/#\/doc\/(\d+)$/)[1];

  const stored = await (await fetch(`${server.url}/v1/documents/${id}`)).json();
  const result = stored.result;
  assert.equal(result.engine?.name, 'llm', JSON.stringify(stored).slice(0, 500));
  assert.ok(result.engine.model.includes(phi3), result.engine.model);

  // The review page lists the invoice schema's fields, and draws a box for exactly the fields the model's
  // answer was found at on the page.
  await page.waitForFunction(() => document.getElementById('page-image')?.naturalWidth > 0);
  for (const field of ['invoice_number', 'invoice_date', 'supplier.name', 'total_ttc']) {
    await page.locator(`#fields tr[data-path="${field}"]`).waitFor();
  }
  const located = Object.entries(result.fields)
    .filter(([, leaf]) => leaf && typeof leaf === 'object' && 'value' in leaf && leaf.source).map(([name]) => name);
  const boxed = await page.locator('.page .box[data-path]').evaluateAll(
    (boxes) => [...new Set(boxes.map((b) => b.dataset.path))].filter((p) => !p.includes('.')));
  assert.deepEqual(boxed.sort(), located.sort());

  // A value the model had to give (the field allows one word of the page) is boxed where the page shows it.
  const form = new FormData();
  form.append('file', new Blob([readFileSync(sample)], { type: 'image/png' }), 'facture-fr.png');
  form.append('engine', 'llm');
  form.append('model', phi3);
  form.append('schema', JSON.stringify({
    type: 'object', properties: { city: { type: 'string', enum: ['Lyon'] } }, required: ['city'],
  }));
  const upload = await fetch(server.url + '/v1/extract', { method: 'POST', body: form });
  assert.equal(upload.status, 200, await upload.clone().text());
  const city = await upload.json();
  assert.equal(city.fields.city.value, 'Lyon');
  const review = await context.newPage();
  review.setDefaultTimeout(120000);
  review.on('pageerror', (err) => errors.push(err.message));
  await openReview(review, city.document_id);
  const box = review.locator('.page .box[data-path="city"]').first();
  await box.waitFor();
  assert.ok(await box.isVisible(), 'the box of the language model\'s value is drawn');
  assert.equal(await review.locator('#fields input[data-path="city"]').inputValue(), 'Lyon');

  assert.deepEqual(errors, []);
  await context.close();
});
