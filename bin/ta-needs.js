#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between `npm install` and `npx ta-needs`.
import { register } from 'tsx/esm/api';

register();
await import('../pipeline/cli.ts');
