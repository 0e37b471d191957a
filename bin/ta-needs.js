#!/usr/bin/env node
// Runs the compiled JavaScript of dist/ (built from pipeline/ by `npm install` or `npm run build`): no
// TypeScript compiler and no source maps at start-up. When a file of pipeline/ is newer than that build, it
// runs the sources through tsx instead, so that what runs is always what the sources say.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const built = join(root, 'dist', '.built');

/** Whether some file or folder of pipeline/ changed (added, edited, removed) after the build. */
function sourcesChangedSince(time) {
  const sources = join(root, 'pipeline');
  if (statSync(sources).mtimeMs > time) return true;
  return readdirSync(sources, { recursive: true, withFileTypes: true }).some((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs > time);
}

if (existsSync(built) && !sourcesChangedSince(statSync(built).mtimeMs)) {
  await import('../dist/cli.js');
} else {
  console.error('ta-needs: pipeline/ has changed since the last build (`npm run build`); running the sources through tsx, which starts slower');
  const { register } = await import('tsx/esm/api');
  register();
  await import('../pipeline/cli.ts');
}
