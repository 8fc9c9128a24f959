export * from './model';
export * from './draft';
export * from './lifecycle';
export * from './deadlines';
export * from './recording';
export * from './status';
