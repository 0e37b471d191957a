/** The package's version, recorded with every run; read from package.json beside pipeline/ and dist/ alike. */
import { readFileSync } from 'node:fs';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
