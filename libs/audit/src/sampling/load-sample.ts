import { type EventStore, foldEvents } from '@libs/ledger';
import { refuse } from '@libs/records';
import {
  type SampleDrawnData,
  type SampleEvent,
  type SampleState,
  evolveSample,
  initialSampleState,
  sampleStream,
} from './sample-state';

/** A drawn sample and its visits, folded from its stream; SAMPLE_NOT_FOUND (404) when never drawn. */
export async function loadSample(
  store: EventStore,
  sampleId: string,
): Promise<SampleState & { drawn: SampleDrawnData }> {
  const events = await store.readStream(sampleStream(sampleId));
  const state = foldEvents(
    { evolve: evolveSample, initialState: initialSampleState },
    events as unknown as SampleEvent[],
  );
  if (!state.drawn)
    return refuse(
      'SAMPLE_NOT_FOUND',
      'not_found',
      `样本 ${sampleId} 不存在`,
      `sample ${sampleId} has not been drawn`,
      { sampleId },
    );
  return state as SampleState & { drawn: SampleDrawnData };
}
