export * from './codes';
export * from './representation';
