export * from './assess';
export * from './fiscalReceipt';
export * from './codes';
