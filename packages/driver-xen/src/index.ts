export * from './sexpr/index.js';
