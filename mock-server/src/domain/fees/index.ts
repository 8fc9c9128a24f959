export * from './assess';
export * from './fiscalReceipt';
