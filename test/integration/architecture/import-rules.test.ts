/**
 * The import boundaries `npm run lint` enforces really bite: probe files that break them, in a
 * scratch copy of the layout, are reported by the project's own dependency-cruiser rules.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const rules = (
  createRequire(import.meta.url)(path.join(repoRoot, '.dependency-cruiser.cjs')) as {
    forbidden: IForbiddenRuleType[];
  }
).forbidden;

const scratch = mkdtempSync(path.join(tmpdir(), 'pulse-arch-'));
symlinkSync(path.join(repoRoot, 'node_modules'), path.join(scratch, 'node_modules'));
writeFileSync(
  path.join(scratch, 'tsconfig.json'),
  JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function violationsOf(files: Record<string, string>): Promise<string[]> {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    writeFileSync(path.join(scratch, file), text);
  }
  const result = await cruise(Object.keys(files), {
    baseDir: scratch,
    validate: true,
    ruleSet: { forbidden: rules },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
  });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('import boundaries', () => {
  it('refuse jsforce outside src/salesforce/', async () => {
    const violations = await violationsOf({
      'src/sync/probe.ts': "import jsforce from 'jsforce';\nexport const v = jsforce;\n",
    });
    expect(violations).toEqual([
      expect.stringMatching(/^jsforce-only-in-salesforce: src\/sync\/probe\.ts -> .*node_modules\/jsforce\//),
    ]);
  });

  it('allow jsforce inside src/salesforce/', async () => {
    expect(
      await violationsOf({
        'src/salesforce/ok.ts': "import jsforce from 'jsforce';\nexport const v = jsforce;\n",
      }),
    ).toEqual([]);
  });

  it('refuse express outside src/http/ and bullmq outside the queue layer', async () => {
    const violations = await violationsOf({
      'src/sync/web.ts': "import express from 'express';\nexport const e = express;\n",
      'src/health/queue.ts': "import { Queue } from 'bullmq';\nexport const q = Queue;\n",
    });
    expect(violations.map((v) => v.split(':')[0]).sort()).toEqual(
      ['bullmq-only-in-queue-and-jobs', 'express-only-in-http', 'health-is-pure'].sort(),
    );
  });

  it('refuse I/O in src/health/ and src/ imports in the emulator', async () => {
    const violations = await violationsOf({
      'src/health/score.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'src/config/x.ts': 'export const x = 1;\n',
      'emulator/server.ts': "import { x } from '../src/config/x.js';\nexport const y = x;\n",
    });
    expect(violations.map((v) => v.split(':')[0]).sort()).toEqual([
      'emulator-is-independent',
      'health-is-pure',
    ]);
  });

  it('refuse import cycles', async () => {
    const violations = await violationsOf({
      'src/sync/a.ts': "import { b } from './b.js';\nexport const a = (): number => b() + 1;\n",
      'src/sync/b.ts': "import { a } from './a.js';\nexport const b = (): number => a() - 1;\n",
    });
    expect(violations.some((v) => v.startsWith('no-circular'))).toBe(true);
  });
});
