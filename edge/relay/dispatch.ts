/** Routes a decoded frame of one connection to its handler, after the handshake. */
import { toHex } from '../../core/bytes.ts';
import type { Message } from '../../core/p2p/codec.ts';
import type { Conn, Hub } from './context.ts';
import { CLOSE } from './gate.ts';
import { judgeHello } from './hello.ts';
import { onConsensus, onLedgerBlocks, onLedgerStatus, onTxs, serveLedger } from './ledger.ts';
import { edgeStatus, onAnswer, onBlock, onStatus, serveBlocks, serveTokens } from './tokens.ts';

export async function dispatch(hub: Hub, c: Conn, frame: Uint8Array, m: Message): Promise<void> {
  if (!c.session.ready) return greet(hub, c, m);
  switch (m.type) {
    case 'hello':
      return c.close(CLOSE.protocol, 'second hello');
    case 'status':
      return onStatus(hub, c, m.tips);
    case 'block':
      return onBlock(hub, c, frame, m.raw);
    case 'tokens':
    case 'blocks':
      return onAnswer(hub, c, m);
    case 'getTokens':
      return serveTokens(hub, c, m);
    case 'getBlocks':
      return serveBlocks(hub, c, m);
    case 'getPeers':
      return c.send({ type: 'peers', addresses: [] });
    case 'peers':
      return;
    case 'ledgerStatus':
      return onLedgerStatus(hub, c, m.head);
    case 'ledgerVote':
    case 'ledgerProposal':
      return onConsensus(hub, c, frame, m);
    case 'ledgerTxs':
      return onTxs(hub, c, m.txs);
    case 'getLedgerBlocks':
      return serveLedger(hub, c, m);
    case 'ledgerBlocks':
      return onLedgerBlocks(hub, c, m);
  }
}

/** The first frame must be an acceptable hello; the hub then tells its tips and ledger head. */
async function greet(hub: Hub, c: Conn, m: Message): Promise<void> {
  if (m.type !== 'hello') return c.close(CLOSE.protocol, `${m.type} before hello`);
  const refusal = judgeHello(m, hub.chainId);
  if (refusal) return c.close(CLOSE.policy, refusal);
  c.session.ready = true;
  c.session.node = toHex(m.nodeId);
  c.send(await edgeStatus(hub));
  c.send({ type: 'ledgerStatus', head: await hub.stores.ledgerHead() });
}
