export * from './config.js';
export * from './connector.js';
export * from './errors.js';
export * from './form-items.js';
export * from './http.js';
export * from './phone.js';
export * from './signing.js';
export * from './templates.js';
