import type { RecordedEvent } from '@libs/ledger';
import type { LedgerKey } from './ledger-key';
import type { Seal, SealEventReceipt, SealFile } from './seal';
import { canonicalSignatureValid, signCanonical } from './signed-json';

/** What the receipt's signature covers: it ties this seal (by its signature) to one event. */
function receiptContent(seal: Seal, receipt: Omit<SealEventReceipt, 'signature'>) {
  return {
    sealId: seal.sealId,
    sealSignature: seal.signature,
    streamId: receipt.streamId,
    position: receipt.position,
    hash: receipt.hash,
  };
}

/**
 * The seal file for a seal and the event that carries it. Ed25519 signatures are deterministic,
 * so the file is the same whenever it is made from the same event (the API serves it again).
 */
export function sealFileOf(seal: Seal, event: RecordedEvent, key: LedgerKey): SealFile {
  const receipt = { streamId: event.streamId, position: event.position, hash: event.hash };
  return {
    ...seal,
    sealEvent: { ...receipt, signature: signCanonical(receiptContent(seal, receipt), key) },
  };
}

/** True when the receipt was signed by the key the seal names. */
export function receiptSignatureValid(seal: Seal, receipt: SealEventReceipt): boolean {
  const { signature, ...rest } = receipt;
  return canonicalSignatureValid(receiptContent(seal, rest), signature, seal.publicKey);
}
