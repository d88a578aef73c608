import { ActorAdmin, OPERATOR, type Role } from '@libs/access';
import { type StoreLocation, openEventStore, systemClock } from '@libs/ledger';
import {
  HUANCUI_2024,
  HUANCUI_DISTRICT,
  latestSeedYear,
  openSeedStore,
  seedDistrict,
} from '@libs/synthetic';

export interface DemoKey {
  actorId: string;
  roles: Role[];
  unitId?: string;
  key: string;
}

// The seed names a centre `<district>-<code>` (libs/synthetic/src/org.ts).
const FIRST_CENTRE = `${HUANCUI_DISTRICT.unitId}-${HUANCUI_2024[0].code}`;

const DEMO_ACTORS: { actorId: string; name: string; roles: Role[]; unitId?: string }[] = [
  // Every role: an admin can only grant what it holds, and the demo admin must be able to add
  // recorders, supervisors and the rest (docs/decisions/0006).
  {
    actorId: 'demo-admin',
    name: '演示管理员 demo admin',
    roles: ['admin', 'supervisor', 'recorder', 'auditor', 'finance'],
  },
  {
    actorId: 'demo-supervisor',
    name: '区公卫科 district supervisor',
    roles: ['supervisor'],
    unitId: HUANCUI_DISTRICT.unitId,
  },
  {
    actorId: 'demo-recorder',
    name: `${HUANCUI_2024[0].name}录入员 recorder`,
    roles: ['recorder'],
    unitId: FIRST_CENTRE,
  },
  { actorId: 'demo-auditor', name: '绩效评价 auditor', roles: ['auditor'] },
  {
    actorId: 'demo-finance',
    name: '财务 finance',
    roles: ['finance'],
    unitId: HUANCUI_DISTRICT.unitId,
  },
];

/**
 * First start on an empty embedded store: seed the small demo district of the last complete
 * year (through the same deciders as any write, with its simulated ledger clock) and create a
 * demo actor per role. Returns the keys, to be shown once; undefined when the store had data.
 */
export async function prepareDemo(
  location: StoreLocation,
  today: Date,
): Promise<{ year: number; events: number; keys: DemoKey[] } | undefined> {
  const probe = await openEventStore(location);
  const empty = (await probe.headPosition()) === 0;
  await probe.close();
  if (!empty) return undefined;
  // A seeded year must be over, late entries included (they run to 31 January after it, China
  // time): the seed's own rule, not the UTC month, which is eight hours late on 1 February.
  const year = latestSeedYear(today);
  const { store: seedStore, clock } = await openSeedStore(location);
  let events = 0;
  try {
    events = (await seedDistrict({ store: seedStore, scale: 'small', year, seed: 1, clock }))
      .eventsAppended;
  } finally {
    await seedStore.close();
  }
  const store = await openEventStore(location);
  try {
    const admin = new ActorAdmin(store, systemClock, OPERATOR);
    const keys: DemoKey[] = [];
    for (const a of DEMO_ACTORS) keys.push({ ...a, key: (await admin.add(a)).key });
    return { year, events, keys };
  } finally {
    await store.close();
  }
}

export function demoBanner(
  demo: { year: number; events: number; keys: DemoKey[] },
  url: string,
): string {
  const lines = [
    '',
    '================================================================================',
    ` Demo district seeded: ${demo.events} events, evaluation year ${demo.year}.`,
    ' 演示区已生成。以下密钥只显示这一次 / these keys are shown only once:',
    '',
    ...demo.keys.map(
      (k) =>
        `  ${k.actorId.padEnd(16)} ${k.roles.join(',').padEnd(11)} ${(k.unitId ?? 'all units').padEnd(10)} ${k.key}`,
    ),
    '',
    ` Dashboard: ${url}/   API docs: ${url}/api/docs`,
    '================================================================================',
    '',
  ];
  return lines.join('\n');
}
