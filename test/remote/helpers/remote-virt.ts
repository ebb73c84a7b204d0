import { silentLogger, Virt, type VirtPlugin } from '@virtkit/core';
import { remotePlugin } from '@virtkit/remote';
import { startVirtkitd, type Virtkitd } from './virtkitd.js';

/** A silent Virt with only the remote client driver (or the given remote plugin). */
export function remoteVirt(plugin: VirtPlugin = remotePlugin): Promise<Virt> {
  return Virt.create({ plugins: [plugin], envPlugins: false, logger: silentLogger });
}

/** Runs `fn` against a fresh virtkitd (started with `conf`) and a remote Virt; both are torn down afterwards. */
export async function withVirtkitd<T>(conf: string, fn: (d: Virtkitd, virt: Virt) => Promise<T>, plugin?: VirtPlugin): Promise<T> {
  const d = await startVirtkitd(conf);
  let virt: Virt | undefined;
  try {
    virt = await remoteVirt(plugin);
    return await fn(d, virt);
  } finally {
    await virt?.dispose();
    await d.stop();
  }
}
