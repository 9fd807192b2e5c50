export * from './restOpenapi3';
export * from './lib/duration';
export * from './lib/headers';
export * from './lib/schema';
export * from './lib/guards';
