export * from './codes';
export * from './files';
export * from './inquiry';
export * from './invitations';
export * from './bundle';
export * from './signerCertificate';
export * from './readers';
