// A --models folder for the Ollama/OpenAI tests: symlinks to the two tiny chat fixtures of the shared folder
// (random weights, real vocabularies and chat templates). Without the shared folder the tests skip, or fail
// when CI=true, as the C++ tests do.
import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sharedDir } from './serve.mjs';

export const phi3 = 'tiny-phi3-chat-q8_0';
export const llama3 = 'tiny-llama3-chat-q8_0';

// The folder, or null (after skipping the test context `t`) when the shared folder is absent.
export function chatModelsDir(t) {
  const fixtures = path.join(sharedDir, 'fixtures', 'llm');
  if (!existsSync(path.join(fixtures, `${phi3}.gguf`))) {
    if (process.env.CI === 'true') throw new Error(`shared fixtures not found in ${fixtures} (set TEXTRA_SHARED)`);
    t.skip(`shared fixtures not found in ${fixtures} (set TEXTRA_SHARED to run this test)`);
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'textra-e2e-models-'));
  for (const model of [phi3, llama3]) symlinkSync(path.join(fixtures, `${model}.gguf`), path.join(dir, `${model}.gguf`));
  return dir;
}

// The invoice schema of the structured-output tests, and an independent check of an answer against it.
export const invoiceSchema = {
  type: 'object',
  properties: {
    supplier: { type: 'string', maxLength: 20 },
    currency: { enum: ['EUR', 'USD'] },
    total: { type: 'number' },
    paid: { type: 'boolean' },
  },
  required: ['supplier', 'currency', 'total', 'paid'],
};

export function checkInvoice(assert, text) {
  const value = JSON.parse(text);
  assert.equal(typeof value, 'object');
  assert.deepEqual(Object.keys(value).sort(), ['currency', 'paid', 'supplier', 'total']);
  assert.equal(typeof value.supplier, 'string');
  assert.ok([...value.supplier].length <= 20, `supplier too long: ${value.supplier}`);
  assert.ok(['EUR', 'USD'].includes(value.currency), `currency ${value.currency}`);
  assert.equal(typeof value.total, 'number');
  assert.equal(typeof value.paid, 'boolean');
}
