export * from './money';
export * from './assumptions';
export * from './holding';
export * from './reference-prices';
export * from './assess';
export * from './receipt';
export * from './cause';
