export * from './codes';
export * from './parcel';
export * from './result';
export * from './firm';
