import type { RecordedEvent } from '@libs/ledger';
import {
  ACTIVITIES_STREAM_PREFIX,
  FUNDS_STREAM_PREFIX,
  PERSONAL_DATA_EVENT_TYPES,
  chinaDay,
} from '@libs/records';
import { SEAL_EVENT_TYPE } from '../seal/seal';

/**
 * Streams whose records belong to a period by the day they happened: residents' service
 * records, target sheets, fund flows (a payment dated in a sealed year is as late as a
 * checkup would be) and units' own activities (a lecture entered after the seal).
 */
const DATED_RECORD_STREAMS = [
  'resident-',
  'targets-',
  FUNDS_STREAM_PREFIX,
  ACTIVITIES_STREAM_PREFIX,
];

export interface LateRecord {
  type: string;
  streamId: string;
  position: number;
  actor: string;
  recordedAt: string;
  occurredAt: string;
}

/** An event after the sealed position that happened (China day) in the sealed year. */
export function lateRecordOf(event: RecordedEvent, year: number): LateRecord | undefined {
  if (event.type === SEAL_EVENT_TYPE) return undefined;
  // A correction or erasure of personal data changes no figure of the period (decision 0021).
  if (PERSONAL_DATA_EVENT_TYPES.has(event.type)) return undefined;
  if (!DATED_RECORD_STREAMS.some((prefix) => event.streamId.startsWith(prefix))) return undefined;
  if (chinaDay(event.occurredAt).slice(0, 4) !== String(year)) return undefined;
  const { type, streamId, position, actor, recordedAt, occurredAt } = event;
  return { type, streamId, position, actor, recordedAt, occurredAt };
}
