/** Types of `env` and `exports` from `cloudflare:workers` in the workerd suites: the edge Worker's. */
import type { Env as EdgeEnv } from '../../edge/env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends EdgeEnv {}
    interface GlobalProps {
      mainModule: typeof import('../../edge/worker.ts');
      durableNamespaces: 'RelayHub' | 'TokenStore' | 'LedgerHead' | 'LedgerShard';
    }
  }
}
