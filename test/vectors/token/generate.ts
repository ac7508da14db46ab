/**
 * Writes the token-chain vectors (npm run vectors:token): one `<name>.json` per vector in this folder,
 * replacing any older vector files. Re-running gives identical files.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vectorText } from './format.ts';
import { buildVectors } from './vectors.ts';

const DIR = fileURLToPath(new URL('.', import.meta.url));

const vectors = buildVectors();
for (const file of readdirSync(DIR)) if (file.endsWith('.json')) rmSync(`${DIR}${file}`);
for (const v of vectors) writeFileSync(`${DIR}${v.name}.json`, vectorText(v));
console.log(`wrote ${vectors.length} vectors to ${DIR}`);
