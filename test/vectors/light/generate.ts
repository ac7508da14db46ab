/** Writes light.json (npm run vectors:light). Re-running gives an identical file. */
import { writeFileSync } from 'node:fs';
import { buildLightVectors } from './vectors.ts';

const path = new URL('./light.json', import.meta.url);
writeFileSync(path, `${JSON.stringify(buildLightVectors(), null, 2)}\n`);
console.log(`wrote ${path.pathname}`);
