import type { Person } from './population';
import { type CentreContext, type Story, emit, migrationT, workday } from './story';

/** Start of a member's contract: negative days were signed last year and carry over. */
export interface ContractPlan {
  day: number;
  household: boolean;
}

const has = (p: Person, tag: string) => p.tags.includes(tag);
const isKeyPopulation = (p: Person) =>
  p.elderly || p.hypertension || p.diabetes || p.age <= 6 || p.tags.length > 0;

/** Signing rates near the targets: 65+ ~90%, children and pregnant ~80%, younger patients ~72% (~80% with household signing), others ~27%. */
function signingChance(p: Person): number {
  if (has(p, 'poverty_alleviated') || has(p, 'special_family')) return 1;
  let c = 0.27;
  if (has(p, 'disabled')) c = 0.75;
  if (p.age <= 6 || has(p, 'pregnant') || has(p, 'low_income')) c = 0.8;
  if (p.hypertension || p.diabetes) c = 0.72;
  if (p.elderly) c = 0.9;
  return c;
}

function signingDay(ctx: CentreContext): number {
  const { rng, cal } = ctx;
  if (rng.chance(0.35)) return rng.int(-334, -1);
  // Signing campaigns fill the first quarter; the rest spread over the year.
  const day = rng.chance(0.55) ? rng.int(1, 89) : rng.int(90, 334);
  return workday(cal, rng, day, 1, 334);
}

/**
 * Who in a household signs and when. A household with a key-population member signs together
 * (以家庭为单位) three times in ten; otherwise each member decides alone.
 */
export function planHouseholdContracts(
  ctx: CentreContext,
  members: Person[],
): Map<Person, ContractPlan> {
  const plans = new Map<Person, ContractPlan>();
  if (members.some(isKeyPopulation) && ctx.rng.chance(0.3)) {
    const day = signingDay(ctx);
    for (const p of members) plans.set(p, { day, household: true });
  } else {
    for (const p of members)
      if (ctx.rng.chance(signingChance(p)))
        plans.set(p, { day: signingDay(ctx), household: false });
  }
  return plans;
}

/** Signing, and then perhaps renewal, termination on request, or termination after death or move-out. */
export function writeContract(ctx: CentreContext, s: Story, plan: ContractPlan): void {
  const { cal, rng, rec, prefix } = ctx;
  const p = s.p;
  const start = Math.max(plan.day, s.regDay);
  if (start >= s.endDay || start > ctx.lastDay) return;
  const end = cal.oneYearOn(start);
  const contractId = `${p.id}-c${cal.date(start).slice(0, 4)}`;
  const signT = start < 0 ? migrationT(s) : rec.afterAll(rec.after(start), s.regT);
  emit(ctx, s, signT, {
    type: 'SignContract',
    commandId: `${prefix}${contractId}`,
    occurredAt: cal.date(start),
    residentId: p.id,
    contractId,
    doctorId: p.team.doctorIds[0],
    teamId: p.team.teamId,
    start: cal.date(start),
    end: cal.date(end),
    household: plan.household,
    servicePackage: isKeyPopulation(p) ? 'key_population' : 'basic',
  });
  const from = Math.max(start, 0);
  let effectiveEnd = end;
  let lastT = signT;
  const terminate = (day: number, reason: string, after: number[]) => {
    emit(ctx, s, rec.afterAll(rec.after(day), ...after), {
      type: 'TerminateContract',
      commandId: `${prefix}${contractId}-end`,
      occurredAt: cal.date(day),
      residentId: p.id,
      contractId,
      reason,
    });
  };

  const hi = Math.min(end, ctx.lastDay, s.endDay - 1);
  if (rng.chance(0.012) && from + 30 <= hi) {
    terminate(rng.int(from + 30, hi), '居民申请解约 / the resident asked to end the contract', [
      signT,
    ]);
    return;
  }
  if (end <= ctx.lastDay && end < s.endDay && rng.chance(0.85)) {
    const day = Math.max(1, from, end - rng.int(0, 30));
    if (day < s.endDay) {
      effectiveEnd = cal.oneYearOn(end + 1);
      lastT = rec.afterAll(rec.after(day), signT);
      emit(ctx, s, lastT, {
        type: 'RenewContract',
        commandId: `${prefix}${contractId}-renew`,
        occurredAt: cal.date(day),
        residentId: p.id,
        contractId,
        newEnd: cal.date(effectiveEnd),
      });
    }
  }
  if (s.fateT !== null && s.endDay <= effectiveEnd && rng.chance(0.7)) {
    const reason = s.died ? '居民死亡 / the resident died' : '居民迁出 / the resident moved away';
    terminate(Math.min(ctx.lastDay, s.endDay + rng.int(1, 30)), reason, [lastT, s.fateT]);
  }
}
