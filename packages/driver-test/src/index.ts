export { testDriverPlugin, testDriverPlugin as default } from './plugin.js';
export { TestDriver } from './test-driver.js';
export { TestConnection, testDriverFeatures, type TestConnectionOptions, type MigrationVersionName } from './test-connection.js';
export { TestHostStore } from './host-store.js';
export { DEFAULT_DOMAIN_XML, DEFAULT_NODE_INFO } from './default-host.js';
