export * from './config.js';
export * from './dispatch.js';
export * from './listen-config.js';
export * from './server-client.js';
export * from './server.js';
export * from './start-daemon.js';
export * from './tls-listener.js';
