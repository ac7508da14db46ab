import type { RelayHub } from './relay/hub.ts';

/** Bindings of the edge Worker (wrangler.toml). */
export interface Env {
  /** The relay hub Durable Object: one instance per network, named by its chain id. */
  RELAY: DurableObjectNamespace<RelayHub>;
  /** A genesis file as a JSON string; when absent the Worker serves `edge/genesis.json`. */
  GENESIS?: string;
}
