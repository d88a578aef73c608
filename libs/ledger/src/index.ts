export * from './envelope/recorded-event';
export * from './envelope/event-hash';
export * from './envelope/event-ids';
export * from './envelope/ledger-clock';
export * from './envelope/seal-envelopes';
export * from './errors';
export * from './store/event-store.port';
export * from './store/expected-revision';
export * from './decider/decider';
export * from './decider/decider-specification';
export * from './config/store-location';
export * from './config/open-event-store';
export * from './verify/verify-log';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export * from './store/assert-same-command';
export * from './threads/pull-from-worker';
export * from './store/log-pages';
export {
  SqliteVaultStorage,
  openVaultStorage,
  type StoredEnvelope,
} from './sqlite/sqlite-vault-storage';
