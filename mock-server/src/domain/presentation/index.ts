export * from './base64url';
export * from './codes';
export * from './token';
export * from './disclosure';
