import { Command } from 'commander';
import { authorize, recordResidentRead } from '@libs/access';
import { foldEvents, systemClock } from '@libs/ledger';
import {
  chinaDay,
  evolveResident,
  initialResidentState,
  refuse,
  type ResidentEvent,
  storeFactLookup,
  streamIds,
} from '@libs/records';
import { principalFrom, withKeyOption } from '../principal-option';
import { openStoreFrom, withStoreOption } from '../store-option';

/** What a line of the trail says about an event beyond its type. */
function gist(data: Record<string, unknown>): string {
  const parts = [
    data.recordId ?? data.contractId,
    data.kind ?? data.condition ?? data.constitution,
    data.reason ? `reason: ${String(data.reason)}` : undefined,
  ];
  if (data.changes) parts.push(`changes: ${JSON.stringify(data.changes)}`);
  if (data.systolic) parts.push(`${String(data.systolic)}/${String(data.diastolic)}`);
  return parts.filter(Boolean).join(' · ');
}

export function trailCommand(): Command {
  return withKeyOption(withStoreOption(new Command('trail')))
    .description(
      "a resident's full timeline: every event with who, when recorded (and for migrated records when the source system recorded it) and when it happened, corrections and voids with their reasons (the read is itself recorded)",
    )
    .requiredOption('--resident <residentId>', 'pseudonymous resident id')
    .option('--json', 'as JSON')
    .action(async (o: { resident: string; json?: boolean; store?: string; key?: string }) => {
      const store = await openStoreFrom(o);
      try {
        const principal = await principalFrom(store, o);
        const events = await store.readStream(streamIds.resident(o.resident));
        const state = foldEvents(
          { evolve: evolveResident, initialState: initialResidentState },
          events as unknown as ResidentEvent[],
        );
        if (!state.registered)
          refuse(
            'RESIDENT_NOT_FOUND',
            'not_found',
            `居民 ${o.resident} 未登记`,
            `resident ${o.resident} is not registered`,
          );
        const today = chinaDay(systemClock().toISOString());
        await authorize(
          principal,
          { permission: 'residents:read', units: [state.unitId!], read: true },
          storeFactLookup(store),
          today,
        );
        await recordResidentRead(store, systemClock, principal, o.resident, 'trail (cli)');
        if (o.json) {
          process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `resident ${o.resident} (unit ${state.unitId}) — ${events.length} events\n`,
        );
        // Migrated records carry their source system's recording time: shown beside the ledger's.
        const migrated = events.some((e) => e.sourceRecordedAt !== undefined);
        const source = (text: string) => (migrated ? `${text.padEnd(24)}  ` : '');
        process.stdout.write(
          `${'pos'.padStart(7)}  ${'recorded at'.padEnd(24)}  ${source('source recorded at')}${'occurred'.padEnd(10)}  ${'actor'.padEnd(16)}  event\n`,
        );
        for (const e of events) {
          process.stdout.write(
            `${String(e.position).padStart(7)}  ${e.recordedAt.padEnd(24)}  ${source(e.sourceRecordedAt ?? '—')}${e.occurredAt.slice(0, 10).padEnd(10)}  ${e.actor.padEnd(16)}  ${e.type} ${gist(e.data)}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
