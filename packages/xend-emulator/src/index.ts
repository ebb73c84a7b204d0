export * from './xend-emulator.js';
export * from './xend-domains.js';
export * from './guest.js';
export * from './xend-errors.js';
export * from './checkpoint.js';
