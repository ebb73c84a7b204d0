import type { CliCommand } from './command.js';
import { readXml } from './domain-lifecycle.js';

export const domxmlToNative: CliCommand = {
  name: 'domxml-to-native',
  summary: 'convert domain XML to native config',
  configure: (c) => c.argument('<format>', 'target config data type, e.g. qemu-argv, xen-sxpr').argument('<xml>', 'file with domain XML'),
  async run(s, [format, file]) {
    const native = await s.virt.registry.nativeFormat(format).toNative(await readXml(file));
    return { text: native.endsWith('\n') ? native : native + '\n', json: { format, native } };
  },
};

export const domxmlFromNative: CliCommand = {
  name: 'domxml-from-native',
  summary: 'convert native config to domain XML',
  configure: (c) => c.argument('<format>', 'source config data type, e.g. qemu-argv, xen-sxpr').argument('<config>', 'file with native config'),
  async run(s, [format, file]) {
    const xml = await s.virt.registry.nativeFormat(format).fromNative(await readXml(file));
    return { text: xml.endsWith('\n') ? xml : xml + '\n', json: { format, xml } };
  },
};
