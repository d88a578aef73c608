export * from './generate-seed';
export * from './huancui-2024';
export type { SeedCommand, TimedCommand } from './command-log';
export { Random } from './random';
export type { YearPlan } from './demo-plan';
export * from './apply/seed-district';
export {
  DEFAULT_RATES,
  INJECT_PATTERNS,
  type InjectPattern,
  type Injection,
  parseInjection,
} from './inject';
