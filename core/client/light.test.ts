import { describe, it } from 'vitest';
import { LIGHT_CASES } from '../../test/light/suite.ts';

describe('light client (Node)', () => {
  for (const c of LIGHT_CASES) it(c.name, c.run, 120_000);
});
