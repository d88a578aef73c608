import { type RecordedEvent, canonicalJson } from '@libs/ledger';
import { SEAL_EVENT_TYPE, type SealFile, sealOf, sealStreamId } from '../seal/seal';
import { receiptSignatureValid } from '../seal/seal-event-receipt';

export interface SealEventCheck {
  /** The seal file carries its event's receipt (files written before receipts do not). */
  receipt: boolean;
  /** The receipt is signed by the seal's key; null without a receipt. */
  receiptSignatureValid: boolean | null;
  /** Where the event is (the receipt's position, or where it was found by id). */
  position: number | null;
  /** The PeriodSealed event carrying this very seal is in the log, unchanged. */
  found: boolean;
  problem?: string;
}

/** What one pass over the log keeps for the check: the event at the receipt's position, and any carrying the seal's id. */
export class SealEventWatch {
  atReceipt: RecordedEvent | undefined;
  readonly byId: RecordedEvent[] = [];
  private readonly stream: string;

  constructor(private readonly file: SealFile) {
    this.stream = sealStreamId(file.period, file.unitId);
  }

  see(event: RecordedEvent): void {
    if (event.position === this.file.sealEvent?.position) this.atReceipt = event;
    if (
      event.streamId === this.stream &&
      event.type === SEAL_EVENT_TYPE &&
      (event.data as { sealId?: unknown }).sealId === this.file.sealId
    )
      this.byId.push(event);
  }

  /**
   * The seal's own PeriodSealed event must still be where the receipt says, with the hash it
   * had, carrying this seal. Deleting it would lift the period's lock; altering it would change
   * what locks — either is tampering, even when the rest of the log recomputes.
   */
  judge(): SealEventCheck {
    const seal = sealOf(this.file);
    const carriesSeal = (e: RecordedEvent) =>
      e.type === SEAL_EVENT_TYPE &&
      e.streamId === this.stream &&
      canonicalJson(e.data) === canonicalJson(seal);
    const receipt = this.file.sealEvent;
    if (!receipt) {
      const found = this.byId.find(carriesSeal);
      return found
        ? { receipt: false, receiptSignatureValid: null, position: found.position, found: true }
        : {
            receipt: false,
            receiptSignatureValid: null,
            position: null,
            found: false,
            problem: `no PeriodSealed event in ${this.stream} carries seal ${seal.sealId}: it was deleted or altered, which lifts the lock on ${seal.period} for ${seal.unitId}`,
          };
    }
    const check = {
      receipt: true,
      receiptSignatureValid: receiptSignatureValid(seal, receipt),
      position: receipt.position,
    };
    const event = this.atReceipt;
    if (!event)
      return {
        ...check,
        found: false,
        problem: `the seal's PeriodSealed event (stream ${receipt.streamId}, position ${receipt.position}) is gone: it was deleted, which lifts the lock on ${seal.period} for ${seal.unitId}`,
      };
    if (event.type !== SEAL_EVENT_TYPE || event.streamId !== receipt.streamId)
      return {
        ...check,
        found: false,
        problem: `the seal's PeriodSealed event (stream ${receipt.streamId}, position ${receipt.position}) is gone: that position now holds ${event.type} in ${event.streamId}. It was deleted and replaced, which lifts the lock on ${seal.period} for ${seal.unitId}`,
      };
    if (event.hash !== receipt.hash || !carriesSeal(event))
      return {
        ...check,
        found: false,
        problem: `the seal's PeriodSealed event at position ${receipt.position} was altered (hash ${event.hash.slice(0, 12)}…, appended as ${receipt.hash.slice(0, 12)}…${carriesSeal(event) ? '' : ', and it no longer carries this seal'}): what it locks may have changed`,
      };
    return { ...check, found: true };
  }
}
