export * from './config.js';
export * from './dispatch.js';
export * from './server-client.js';
export * from './server.js';
export * from './start-daemon.js';
export * from './byte-budget.js';
export * from './worker-pool.js';
