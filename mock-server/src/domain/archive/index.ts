export * from './formats';
export * from './manifest';
export * from './log';
export * from './snapshot';
export {
  ASPECTS,
  ASPECT_NAMES,
  describeProblem,
  type Aspect,
  type CheckReport,
  type CheckResult,
} from './checkReport';
export { checkPackage } from './packageCheck';
export * from './check';
export * from './signatureProofs';
export * from './renderings';
