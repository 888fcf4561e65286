/** `npm run bench`: runs every bench/*.bench.ts in its own process, one after another. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const benchDir = import.meta.dirname;
const tsx = path.resolve(benchDir, '../node_modules/.bin/tsx');
for (const file of readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()) {
  console.log(`\n== ${file}`);
  execFileSync(tsx, [path.join(benchDir, file)], { stdio: 'inherit' });
}
