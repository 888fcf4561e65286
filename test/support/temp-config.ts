/** A throw-away working directory with the given files under `config/`, for configuration tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function tempConfigDir(files: Readonly<Record<string, string>> = {}): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'pulse-config-'));
  mkdirSync(path.join(cwd, 'config'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), text);
  }
  return cwd;
}
