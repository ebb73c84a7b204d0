export * from './domain-object-list.js';
export * from './event-bus.js';
export * from './job-tracker.js';
export * from './keyed-mutex.js';
export * from './list-filter.js';
export * from './object-list.js';
export * from './state-list-filter.js';
export * from './modification-impact.js';
