export * from './config.js';
export * from './dispatch.js';
export * from './server-client.js';
export * from './server.js';
export * from './start-daemon.js';
export * from './auth/auth-throttle.js';
export * from './auth/sasl-db.js';
export * from './auth/sasl-server.js';
