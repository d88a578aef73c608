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
import { messages } from '../text/lang';
import { renderTable } from '../text/table';

/** What a line of the trail says about an event beyond its type. */
function gist(data: Record<string, unknown>, words: { reason: string; changes: string }): string {
  const parts = [
    data.recordId ?? data.contractId,
    data.kind ?? data.condition ?? data.constitution,
    data.reason ? `${words.reason}: ${String(data.reason)}` : undefined,
  ];
  if (data.changes) parts.push(`${words.changes}: ${JSON.stringify(data.changes)}`);
  if (data.systolic) parts.push(`${String(data.systolic)}/${String(data.diastolic)}`);
  return parts.filter(Boolean).join(' · ');
}

export function trailCommand(): Command {
  const T = messages({
    zh: {
      description:
        '某居民的完整时间线：每条事件的操作人、记录时间（迁移记录另有来源系统记录时间）和发生时间，更正与作废及其原因（本次查阅也被记录）',
      resident: '居民的假名编号',
      json: '以 JSON 输出',
      title: (id: string, unit: string, n: number) => `居民 ${id}（机构 ${unit}）— ${n} 条事件`,
      head: ['位置', '记录时间', '来源系统记录时间', '发生日', '操作人', '事件'],
      words: { reason: '原因', changes: '更正' },
    },
    en: {
      description:
        "a resident's full timeline: every event with who, when recorded (and for migrated records when the source system recorded it) and when it happened, corrections and voids with their reasons (the read is itself recorded)",
      resident: 'pseudonymous resident id',
      json: 'as JSON',
      title: (id: string, unit: string, n: number) => `resident ${id} (unit ${unit}) — ${n} events`,
      head: ['pos', 'recorded at', 'source recorded at', 'occurred', 'actor', 'event'],
      words: { reason: 'reason', changes: 'changes' },
    },
  });
  return withKeyOption(withStoreOption(new Command('trail')))
    .description(T.description)
    .requiredOption('--resident <residentId>', T.resident)
    .option('--json', T.json)
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
        process.stdout.write(`${T.title(o.resident, state.unitId!, events.length)}\n`);
        // Migrated records carry their source system's recording time: shown beside the ledger's.
        const migrated = events.some((e) => e.sourceRecordedAt !== undefined);
        const columns = (cells: string[]) => (migrated ? cells : cells.filter((_, i) => i !== 2));
        const rows = events.map((e) =>
          columns([
            String(e.position),
            e.recordedAt,
            e.sourceRecordedAt ?? '—',
            e.occurredAt.slice(0, 10),
            e.actor,
            `${e.type} ${gist(e.data, T.words)}`,
          ]),
        );
        const align = columns(['right', 'left', 'left', 'left', 'left', 'left']) as (
          'left' | 'right'
        )[];
        for (const line of renderTable([columns(T.head), ...rows], { align }))
          process.stdout.write(`${line}\n`);
      } finally {
        await store.close();
      }
    });
}
