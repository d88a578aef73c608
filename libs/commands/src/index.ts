export * from './command-catalog';
