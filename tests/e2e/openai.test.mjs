// The official `openai` JavaScript client against `textra serve --models DIR`: chat completions (one answer
// and streamed), structured output with response_format json_schema, models.list, an unknown model, and
// the API key as the bearer token of --token.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';

import { chatModelsDir, checkInvoice, invoiceSchema, llama3, phi3 } from './lib/models.mjs';
import { startServe } from './lib/serve.mjs';

// openai@4's default transport on Node is node-fetch 2.7, which fails every streamed (chunked, keep-alive)
// response with "Premature close" on Debian 12's Node 18.20.4, whatever the server (Node's own http server
// too; checked). The SDK's `fetch` option with Node's built-in fetch is the usual fix, and what we tell
// Node 18 users (docs/api.md). No retries: a failure must show.
const clientTransport = { fetch: globalThis.fetch, maxRetries: 0 };

let server;
let modelsDir;
let openai;

before(async (t) => {
  modelsDir = chatModelsDir(t);
  if (!modelsDir) return;
  server = await startServe(['--models', modelsDir]);
  openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'not-needed', ...clientTransport });
});

after(async () => {
  await server?.stop();
  if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
});

test('models.list', async (t) => {
  if (!openai) return t.skip('no shared fixtures');
  const ids = [];
  for await (const model of openai.models.list()) ids.push(model.id);
  assert.deepEqual(ids.sort(), [llama3, phi3]);
});

test('chat completion, then the same request streamed gives the same text', async (t) => {
  if (!openai) return t.skip('no shared fixtures');
  const request = { model: phi3, messages: [{ role: 'user', content: 'Hello' }], max_tokens: 12, seed: 9 };
  const completion = await openai.chat.completions.create(request);
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.choices.length, 1);
  const choice = completion.choices[0];
  assert.equal(choice.message.role, 'assistant');
  assert.ok(['stop', 'length'].includes(choice.finish_reason));
  assert.ok(completion.usage.completion_tokens <= 12);
  assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);

  const stream = await openai.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } });
  let text = '';
  let finish = null;
  let usage = null;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) usage = chunk.usage;
    for (const c of chunk.choices) {
      text += c.delta.content ?? '';
      finish = c.finish_reason ?? finish;
    }
  }
  assert.equal(text, choice.message.content);
  assert.equal(finish, choice.finish_reason);
  assert.deepEqual(usage, completion.usage);
});

test('response_format json_schema', async (t) => {
  if (!openai) return t.skip('no shared fixtures');
  const completion = await openai.chat.completions.create({
    model: llama3,
    messages: [{ role: 'system', content: 'Answer in JSON.' }, { role: 'user', content: 'The invoice, please.' }],
    max_completion_tokens: 80,
    response_format: { type: 'json_schema', json_schema: { name: 'invoice', schema: invoiceSchema, strict: true } },
  });
  checkInvoice(assert, completion.choices[0].message.content);
  const object = await openai.chat.completions.create({
    model: phi3,
    messages: [{ role: 'user', content: 'JSON' }],
    max_tokens: 20,
    response_format: { type: 'json_object' },
  });
  assert.doesNotThrow(() => JSON.parse(object.choices[0].message.content));
});

test('an unknown model is a NotFoundError', async (t) => {
  if (!openai) return t.skip('no shared fixtures');
  await assert.rejects(
    openai.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }),
    (err) => err instanceof OpenAI.NotFoundError && /not found/.test(err.message),
  );
});

test('with --token, the API key is the bearer token', async (t) => {
  if (!openai) return t.skip('no shared fixtures');
  const guarded = await startServe(['--models', modelsDir, '--token', 'secret-token']);
  try {
    const client = (apiKey) => new OpenAI({ baseURL: `${guarded.url}/v1`, apiKey, ...clientTransport });
    const ids = [];
    for await (const model of client('secret-token').models.list()) ids.push(model.id);
    assert.equal(ids.length, 2);
    await assert.rejects(client('wrong').models.list(), (err) => err instanceof OpenAI.AuthenticationError);
  } finally {
    await guarded.stop();
  }
});
