import { PAGES } from './layout.ts';
import { constantData, emitMine } from './mine.ts';
import { emitChainValue, emitHash } from './single.ts';
import { encodeModule } from './wasm.ts';

/**
 * The kernel module's bytes: `mine105`, `mine137`, `hash`, `chain` and the memory of layout.ts. Deterministic: the
 * committed kernel.wasm is exactly this output (`npm run build:kernel` rewrites it).
 */
export function emitKernel(): Uint8Array {
  return encodeModule(
    {
      mine105: emitMine(105),
      mine137: emitMine(137),
      hash: emitHash(),
      chain: emitChainValue(),
    },
    PAGES,
    [constantData()],
  );
}
