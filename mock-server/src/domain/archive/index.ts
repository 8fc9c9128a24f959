export * from './formats';
export * from './manifest';
export * from './log';
export * from './check';
