export * from './hash';
export * from './tree';
export * from './stored';
