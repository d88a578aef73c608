import { ActorAdmin, OPERATOR, type Role } from '@libs/access';
import { ledgerSigningKey, loadReports, sealPeriod } from '@libs/audit';
import { ledgerCommandContext } from '@libs/commands';
import { runDetection } from '@libs/fabrication/alerts/run-detection';
import { buildModel, catalogForPeriod, evaluatePeriod, periodOf } from '@libs/indicators';
import { type EventStore, type StoreLocation, openEventStore, systemClock } from '@libs/ledger';
import { chinaDay, executeCommand } from '@libs/records';
import {
  HUANCUI_2024,
  HUANCUI_DISTRICT,
  type Injection,
  SEED_ACTOR,
  type SimulatedClock,
  type YearPlan,
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
 * The demo's plan for its year. Signing: each centre is asked to sign 48 % of its residents; the
 * catalog's "previous year + 3 pp" would be judged against the contracts carried into a ledger
 * that starts on 1 January (about 17 %), which every centre passes. 48 % lies within what the
 * synthetic centres reach (about 40–59 %), so, as on a real sheet, some meet it and some do not.
 */
const DEMO_PLAN: YearPlan = { signingShare: 0.48, funds: true };

/**
 * A few fabrications for the alerts panel, at low rates (each pattern takes at least one subject):
 * one centre's report over-claims, and a few doctors and residents carry a planted pattern.
 */
const DEMO_INJECT: readonly Injection[] = [
  { pattern: 'over-claim', rate: 0.1 },
  { pattern: 'after-death', rate: 0.1 },
  { pattern: 'copied-vitals', rate: 0.05 },
  { pattern: 'sign-without-service', rate: 0.05 },
];

/** Centres report; their stations and teams are counted in the centre's figures. */
const CENTRE_KINDS = new Set(['community_centre', 'township_centre']);

/** A moment of the year after the demo year, China time (months 0-based). */
const nextYearAt = (year: number, month: number, day: number) => Date.UTC(year + 1, month, day, 2);

export interface DemoYear {
  year: number;
  events: number;
  keys: DemoKey[];
}

/**
 * First start on an empty embedded store: seed the small demo district of the last complete
 * year (through the same deciders as any write, with its simulated ledger clock), its targets,
 * funds and a few planted fabrications; then what follows a year: the centres' reports, one
 * detection run, the district's seal. Last, a demo actor per role. Returns the keys, to be shown
 * once; undefined when the store had data.
 */
export async function prepareDemo(
  location: StoreLocation,
  today: Date,
): Promise<DemoYear | undefined> {
  const probe = await openEventStore(location);
  const empty = (await probe.headPosition()) === 0;
  await probe.close();
  if (!empty) return undefined;
  // A seeded year must be over, late entries included (they run to 31 January after it, China
  // time): the seed's own rule, not the UTC month, which is eight hours late on 1 February.
  const year = latestSeedYear(today);
  const { store: seedStore, clock } = await openSeedStore(location);
  try {
    await seedDistrict({
      store: seedStore,
      scale: 'small',
      year,
      seed: 1,
      clock,
      inject: DEMO_INJECT,
      plan: DEMO_PLAN,
      catalog: ledgerCommandContext({ store: seedStore, clock: clock.now }).catalog,
    });
    await afterTheYear(seedStore, clock, year, location);
  } finally {
    await seedStore.close();
  }
  const store = await openEventStore(location);
  try {
    const events = await store.headPosition();
    const admin = new ActorAdmin(store, systemClock, OPERATOR);
    const keys: DemoKey[] = [];
    for (const a of DEMO_ACTORS) keys.push({ ...a, key: (await admin.add(a)).key });
    return { year, events, keys };
  } finally {
    await store.close();
  }
}

/**
 * February and March after the year, on the seed's clock so as-of replays place them there:
 * every centre without a report submits one with the ledger's figures (the planted one
 * over-claims), the detectors run once, and the district's year is sealed.
 */
async function afterTheYear(
  store: EventStore,
  clock: SimulatedClock,
  year: number,
  location: StoreLocation,
): Promise<void> {
  clock.set(nextYearAt(year, 1, 5));
  const today = chinaDay(clock.now().toISOString());
  const catalog = catalogForPeriod(year);
  if (!catalog) throw new Error(`no indicator catalog for ${year}`);
  const result = evaluatePeriod(
    await buildModel(store),
    catalog,
    periodOf(year, null, today),
    today,
  );
  const centres = result.rows
    .filter((r) => r.indicatorId === 'elderly_health_management' && CENTRE_KINDS.has(r.unitKind))
    .map((r) => r.unitId);
  const reported = new Set((await loadReports(store, centres, year)).map((r) => r.unitId));
  const ctx = {
    store,
    clock: clock.now,
    actor: SEED_ACTOR,
    ...ledgerCommandContext({ store, clock: clock.now }),
  };
  for (const unitId of centres.filter((u) => !reported.has(u))) {
    const claim = (indicator: string) => {
      const row = result.rows.find((r) => r.unitId === unitId && r.indicatorId === indicator)!;
      return { indicator, numerator: row.numerator, denominator: row.denominator };
    };
    await executeCommand(
      {
        type: 'SubmitAggregateReport',
        commandId: `demo-report-${unitId}-${year}`,
        occurredAt: today,
        unitId,
        period: year,
        claims: [claim('elderly_health_management'), claim('elderly_tcm')],
      },
      ctx,
    );
  }
  clock.set(nextYearAt(year, 1, 20));
  await runDetection(store, { period: year, clock: clock.now, actor: SEED_ACTOR });
  clock.set(nextYearAt(year, 2, 1));
  await sealPeriod(store, ledgerSigningKey({ store: location, create: true }), {
    year,
    unitId: HUANCUI_DISTRICT.unitId,
    actor: SEED_ACTOR,
    clock: clock.now,
  });
}

export function demoBanner(demo: DemoYear, url: string): string {
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
    ` Dashboard: ${url}/?period=${demo.year}   API docs: ${url}/api/docs`,
    '================================================================================',
    '',
  ];
  return lines.join('\n');
}
