export * from './id-number';
export * from './identity';
export * from './envelope';
export * from './identity-vault';
