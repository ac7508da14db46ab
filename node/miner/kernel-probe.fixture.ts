import { toHex } from '../../core/bytes.ts';
import type { Kernel } from '../../core/token/kernel/kernel.ts';

/** Hashes a block and mines one at an easy target: the same calls give the same answer on every host. */
export function probe(kernel: Kernel): { hash: string; time: string; found: string } {
  const template = new Uint8Array(105).fill(9);
  template[32] = 1;
  template[41] = 0;
  template[42] = 0x0f;
  kernel.setTemplate(template);
  const found = kernel.search(1n << 60n, 1 << 16);
  return {
    hash: toHex(kernel.hash(template)),
    time: String(found?.time),
    found: found ? toHex(found.hash) : '',
  };
}
