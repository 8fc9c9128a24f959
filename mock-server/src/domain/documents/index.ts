export * from './seal';
export * from './numbering';
export * from './bodies';
export * from './verifyAddress';
export * from './rendering';
export * from './renderers';
