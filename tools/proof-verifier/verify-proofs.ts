/**
 * The proof verifier for auditors' own scripts: the library the ledger's check-seal and
 * `verify --witness` use too (libs/audit/src/merkle/verify-proofs.ts), so there is one verifier.
 * It shares only the RFC 6962 hashing primitives with the prover and reads public inputs only.
 */
export {
  type ConsistencyProofInput,
  type InclusionProofInput,
  type Verdict,
  verifyConsistency,
  verifyInclusion,
} from '../../libs/audit/src/merkle/verify-proofs';
