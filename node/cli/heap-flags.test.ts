import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_HEAP_FLAGS } from './heap-flags.ts';

describe('NODE_HEAP_FLAGS', () => {
  it('are the flags the proto command passes itself in its shebang', () => {
    const shebang = readFileSync(join(import.meta.dirname, 'main.ts'), 'utf8').split('\n')[0]!;
    expect(shebang).toBe(`#!/usr/bin/env -S node ${NODE_HEAP_FLAGS.join(' ')}`);
  });
});
