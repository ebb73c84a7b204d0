export * from './qemu-caps.js';
export * from './qemu-option.js';
export * from './shell-quote.js';
export * from './pci-address.js';
export * from './canonicalize.js';
export * from './command-line.js';
export * from './native-argv.js';
export * from './qmp-client.js';
