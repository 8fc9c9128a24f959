export * from './iso-date';
export * from './data';
export * from './calendar';
