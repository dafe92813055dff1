// Debian's Chromium driven by playwright-core, and the uploads the browser tests start from.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const chromiumPath = process.env.TEXTRA_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium() {
  assert.ok(existsSync(chromiumPath), `no Chromium at ${chromiumPath} (scripts/setup installs Debian's chromium)`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

// POST /v1/extract of a file as the web page sends it; resolves to the stored document's id.
export async function uploadFile(server, file, type) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)], { type }), path.basename(file));
  const upload = await fetch(server.url + '/v1/extract', { method: 'POST', body: form });
  assert.equal(upload.status, 200, await upload.clone().text());
  return (await upload.json()).document_id;
}
