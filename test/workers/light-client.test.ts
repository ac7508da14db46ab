/** The light-client suite (test/light/suite.ts) inside workerd: the same cases as under Node. */
import { describe, it } from 'vitest';
import { LIGHT_CASES } from '../light/suite.ts';

describe('light client in workerd', () => {
  for (const c of LIGHT_CASES) it(c.name, c.run, 120_000);
});
