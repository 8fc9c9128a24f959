export * from './faults';
export * from './gateway';
export * from './taxPaymentStore';
