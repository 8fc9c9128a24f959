export * from './faults';
export * from './gateway';
export * from './taxPaymentStore';
export * from './refunds';
export * from './feeStores';
