export * from './sexpr/index.js';
export * from './config/domain-to-sexpr.js';
export * from './config/domain-from-sexpr.js';
export * from './config/native-config.js';
export * from './config/xen-domain-xml.js';
