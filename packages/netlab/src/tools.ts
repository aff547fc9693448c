import type { Tools } from './commands';

/** The tools from the environment (`IP_PATH`, `TC_PATH`, `NFT_PATH`, as the test installer sets), else from PATH. */
export function toolsFromEnv(env: NodeJS.ProcessEnv = process.env): Tools {
  return { ip: env.IP_PATH ?? 'ip', tc: env.TC_PATH ?? 'tc', nft: env.NFT_PATH ?? 'nft' };
}
