export * from './sexpr-parser.js';
export * from './sexpr-printer.js';
export * from './sexpr-path.js';
