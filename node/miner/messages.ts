import type { KernelModule } from '../../core/token/kernel/kernel.ts';

/** What a mining thread is started with. */
export interface WorkerInit {
  module: KernelModule;
  index: number;
  threads: number;
  /** How often the thread reports its hash count, in ms. */
  reportMs: number;
}

/** Host to thread: mine `template` (a block whose time field is ignored) at times >= minTime; or stop. */
export type HostMessage =
  | { type: 'work'; template: Uint8Array; minTime: bigint }
  | { type: 'idle' }
  | { type: 'stop' };

/** Thread to host: a block meeting its target, or the hashes done since the last report. */
export type WorkerMessage =
  | { type: 'found'; block: Uint8Array; hash: Uint8Array }
  | { type: 'hashes'; count: number };
