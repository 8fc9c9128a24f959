export * from './bytes';
export * from './sm3';
export * from './sm2';
export * from './canonical-json';
