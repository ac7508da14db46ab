import type { RelayHub } from './relay/hub.ts';
import type { LedgerHead } from './stores/ledger-head.ts';
import type { LedgerShard } from './stores/ledger-shard.ts';
import type { TokenStore } from './stores/token-store.ts';

/** Bindings of the edge Worker (wrangler.toml). */
export interface Env {
  /** The relay hub Durable Object: one instance per network, named by its chain id. */
  RELAY: DurableObjectNamespace<RelayHub>;
  /** The token chain (DAG-checked blocks): one instance per network, named by its chain id. */
  TOKENS: DurableObjectNamespace<TokenStore>;
  /** The verified ledger head: one instance per network, named by its chain id. */
  LEDGER_HEAD: DurableObjectNamespace<LedgerHead>;
  /** Committed ledger blocks by height range: `<chain id>:<shard>`. */
  LEDGER_SHARD: DurableObjectNamespace<LedgerShard>;
  /** A genesis file as a JSON string; when absent the Worker serves `edge/genesis.json`. */
  GENESIS?: string;
  /** A node's base URL: validator lists after membership changes, and proven account answers. */
  UPSTREAM?: string;
  /** Heights the token store holds in memory below each ledger checkpoint (default 2000). */
  TOKEN_WINDOW?: string;
  /** Static assets: the explorer (wrangler.toml [assets]). */
  ASSETS?: Fetcher;
}
