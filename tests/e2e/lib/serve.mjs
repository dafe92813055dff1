// Starts a real `textra serve` on a free loopback port for one test file, and stops it afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const textraBinary = process.env.TEXTRA_BINARY ?? path.join(sourceDir, 'build', 'textra');
export const sharedDir = process.env.TEXTRA_SHARED ?? path.resolve(sourceDir, '..', 'shared');

// Resolves to { url, dataDir, stop() } once the server prints its address.
export async function startServe(extraArgs = []) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'textra-e2e-'));
  const child = spawn(textraBinary, ['serve', '--port', '0', '--data-dir', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`textra serve did not start within 30 s:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`textra serve exited with ${code}:\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, stop };
}
