export * from './payTax';
