/** `proto init` and `proto keys`. */
import { toHex } from '../../core/bytes.ts';
import { chainId } from '../../core/token/params.ts';
import { nowNs } from '../chain.ts';
import { type Command, choiceOption, intOption, stringOption } from './args.ts';
import { newKeyFile, readKeyFile } from './keyfile.ts';
import { initNetwork } from './network-dir.ts';

export const init: Command = {
  summary: 'create a network directory: genesis.json and keys',
  usage: `Usage: proto init [--dir DIR] [--preset devnet|public] [--validators N] [--uses N]

Creates DIR (default .proto/network) with genesis.json and keys/: the veto root key, one key per
genesis validator (each given uses and a balance in genesis) and a miner key.

  --dir DIR          where to create the network (default .proto/network)
  --preset NAME      devnet (fast blocks, easy targets; default) or public
  --validators N     genesis validators, 1 to 90 (default 1)
  --uses N           turns each genesis validator holds, 1 to 1000000 (default 60)`,
  options: {
    dir: { type: 'string' },
    preset: { type: 'string' },
    validators: { type: 'string' },
    uses: { type: 'string' },
  },
  run(values) {
    const dir = stringOption(values, 'dir', '.proto/network');
    const preset = choiceOption(values, 'preset', ['devnet', 'public'] as const, 'devnet')!;
    const validators = intOption(values, 'validators', 1, 90, 1);
    const params = initNetwork(dir, preset, validators, nowNs(), {
      uses: intOption(values, 'uses', 1, 1_000_000, 60),
    });
    console.log(`created ${preset} network in ${dir}`);
    console.log(`  chain id  ${toHex(chainId(params))}`);
    console.log(`  genesis   ${dir}/genesis.json`);
    console.log(`  keys      ${dir}/keys/ (veto.json, validator-*.json, miner.json; keep them private)`);
    console.log(`next: proto node --network ${dir} --mine validator`);
    return 0;
  },
};

export const keys: Command = {
  summary: 'create or show an ed25519 key file',
  usage: `Usage: proto keys new FILE     write a fresh key pair to FILE (mode 0600)
       proto keys show FILE    print the public key in FILE

Key files are JSON: {"publicKey": "<64 hex>", "secretKey": "<64 hex>"}.`,
  options: {},
  positionals: { min: 2, max: 2 },
  run(_values, [action, file]) {
    if (action === 'new') {
      console.log(toHex(newKeyFile(file!).publicKey));
      return 0;
    }
    if (action === 'show') {
      console.log(toHex(readKeyFile(file!).publicKey));
      return 0;
    }
    console.error(
      `unknown action ${JSON.stringify(action)}: use \`proto keys new FILE\` or \`proto keys show FILE\``,
    );
    return 2;
  },
};
