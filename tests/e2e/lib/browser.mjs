// Debian's Chromium driven by playwright-core, and the uploads the browser tests start from.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

import { startServe } from './serve.mjs';

const chromiumPath = process.env.TEXTRA_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium() {
  assert.ok(existsSync(chromiumPath), `no Chromium at ${chromiumPath} (scripts/setup installs Debian's chromium)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

// For a test file: starts `textra serve` (with serveArgs) and Chromium before its tests, then runs
// prepare(running) (uploads the tests share), and stops both after them. The returned object holds them as
// `server` and `browser` while the tests run. (All in one hook: a file's second root-level before hook was
// seen running before this one had finished.)
export function serveWithChromium({ serveArgs = [], prepare = async () => {} } = {}) {
  const running = {};
  before(async () => {
    running.server = await startServe(serveArgs);
    running.browser = await launchChromium();
    await prepare(running);
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

// POST /v1/extract of a file as the web page sends it, with more form fields (schema, ...); resolves to the
// stored document's id.
export async function uploadFile(server, file, type, fields = {}) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)], { type }), path.basename(file));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const upload = await fetch(server.url + '/v1/extract', { method: 'POST', body: form });
  assert.equal(upload.status, 200, await upload.clone().text());
  return (await upload.json()).document_id;
}
