export * from './events';
export * from './templates';
