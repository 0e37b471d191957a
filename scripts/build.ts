/**
 * Compiles pipeline/ into dist/ (the JavaScript that `ta-needs` runs) and copies the files the code reads beside
 * itself (data/*.json, page.html, schema.sql). dist/ sits beside pipeline/, so paths such as
 * `../package.json` and `../corpus/summaries` mean the same from either. `dist/.built` is written last:
 * bin/ta-needs.js runs dist/ only while it is newer than every file of pipeline/.
 * Usage: npm run build (also run by `npm install`, through the prepare script).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = join(ROOT, 'pipeline');
const DIST = join(ROOT, 'dist');

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const entry of readdirSync(SOURCES, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(DIST, relative(SOURCES, from)));
}
writeFileSync(join(DIST, '.built'), '');
console.log(`built ${relative(ROOT, DIST)}/ from ${relative(ROOT, SOURCES)}/`);
