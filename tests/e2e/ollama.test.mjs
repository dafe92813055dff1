// The official `ollama` JavaScript client against `textra serve --models DIR`: list, show, chat, generate,
// streaming, structured output with `format`, and Ollama's error for an unknown model.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Ollama } from 'ollama';

import { chatModelsDir, checkInvoice, invoiceSchema, llama3, phi3 } from './lib/models.mjs';
import { startServe } from './lib/serve.mjs';

let server;
let modelsDir;
let ollama;

before(async (t) => {
  modelsDir = chatModelsDir(t);
  if (!modelsDir) return;
  server = await startServe(['--models', modelsDir]);
  ollama = new Ollama({ host: server.url });
});

after(async () => {
  await server?.stop();
  if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
});

test('list and show', async (t) => {
  if (!ollama) return t.skip('no shared fixtures');
  const { models } = await ollama.list();
  assert.deepEqual(models.map((m) => m.name).sort(), [llama3, phi3]);
  for (const m of models) {
    assert.equal(m.details.format, 'gguf');
    assert.ok(m.size > 1e6);
    assert.ok(!Number.isNaN(Date.parse(m.modified_at)));
  }
  const shown = await ollama.show({ model: phi3 });
  assert.equal(shown.details.family, 'phi3');
  assert.match(shown.template, /<\|assistant\|>/);
});

test('chat, the same seed twice gives the same answer', async (t) => {
  if (!ollama) return t.skip('no shared fixtures');
  const request = {
    model: phi3,
    messages: [{ role: 'user', content: 'Bonjour, quelle est la date de la facture ?' }],
    options: { seed: 11, num_predict: 16, temperature: 0.8 },
  };
  const first = await ollama.chat(request);
  const second = await ollama.chat(request);
  assert.equal(first.message.role, 'assistant');
  assert.ok(first.message.content.length > 0);
  assert.equal(first.message.content, second.message.content);
  assert.equal(first.done, true);
  assert.ok(first.eval_count <= 16);
  assert.ok(first.prompt_eval_count > 0);
});

test('generate streams parts that add up to the whole answer', async (t) => {
  if (!ollama) return t.skip('no shared fixtures');
  const request = { model: `${llama3}:latest`, prompt: 'Invoice total', options: { seed: 3, num_predict: 12 } };
  const parts = [];
  for await (const part of await ollama.generate({ ...request, stream: true })) parts.push(part);
  assert.ok(parts.length >= 2);
  assert.equal(parts.at(-1).done, true);
  assert.ok(parts.slice(0, -1).every((p) => p.done === false));
  const whole = await ollama.generate({ ...request, stream: false });
  assert.equal(parts.map((p) => p.response).join(''), whole.response);
  assert.equal(parts.at(-1).eval_count, whole.eval_count);
});

test('chat streaming', async (t) => {
  if (!ollama) return t.skip('no shared fixtures');
  const stream = await ollama.chat({
    model: llama3,
    messages: [{ role: 'system', content: 'You read invoices.' }, { role: 'user', content: 'Hello' }],
    stream: true,
    options: { num_predict: 8 },
  });
  let text = '';
  let last;
  for await (const part of stream) {
    text += part.message.content;
    last = part;
  }
  assert.equal(last.done, true);
  assert.ok(['stop', 'length'].includes(last.done_reason));
  assert.ok(text.length > 0);
});

test('structured output with a JSON schema and with "json"', async (t) => {
  if (!ollama) return t.skip('no shared fixtures');
  for (const model of [phi3, llama3]) {
    const response = await ollama.chat({
      model,
      messages: [{ role: 'user', content: 'Give the invoice as JSON.' }],
      format: invoiceSchema,
      options: { seed: 5, num_predict: 80 },
    });
    checkInvoice(assert, response.message.content);
  }
  const any = await ollama.generate({ model: phi3, prompt: 'JSON', format: 'json', options: { num_predict: 20 } });
  assert.doesNotThrow(() => JSON.parse(any.response), any.response);
});

test('an unknown model is a 404 ResponseError', async (t) => {
  if (!ollama) return t.skip('no shared fixtures');
  await assert.rejects(ollama.chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }), (err) => {
    assert.equal(err.name, 'ResponseError');
    assert.equal(err.status_code, 404);
    assert.match(err.error, /not found/);
    return true;
  });
});
