export * from './assertion';
export * from './challenge';
export * from './errors';
export * from './frames';
export * from './policy';
