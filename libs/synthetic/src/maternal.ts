import type { Person } from './population';
import { ownStream } from './own-stream';
import type { Random } from './random';
import { type CentreContext, type Story, emit, migrationT } from './story';

/**
 * Maternal care of the synthetic district (孕产妇健康管理). The births are the children the
 * population already has: each child born in the maternal year (1 October before the year to
 * the year's births) is given a mother, a woman of 20–40 at the birth from the child's household
 * when one fits, else from the households of the child's family-doctor team (the synthetic
 * households are drawn at random, not as families). About 8 births per 1,000 residents.
 *
 * Her pregnancy: 92% registered in weeks 6–12 with the first check that day, 5% later (half of
 * them in week 13, the near miss), 3% never; checks at about 18, 22, 30 and 36 weeks (one missed
 * in one pregnancy of twenty); delivery at 37–41 weeks, mostly in hospital; a postpartum visit
 * 2–12 days after discharge (~93%), the 42-day check on days 42–52 (~90%), women registered early
 * more reliably so. Women 20–40 with no birth this year may have a pregnancy registered in it
 * that delivers next year. Everything is drawn from the women's and children's own streams.
 */
const NEVER = 0.03;
const LATE = 0.05;
const HOUR = 3_600_000;
const GA_WEEKS = [37, 38, 39, 40, 41];
const GA_WEIGHTS = [0.08, 0.22, 0.35, 0.25, 0.1];
/** Share of a year's births whose pregnancy is registered in the year and delivers the next. */
const ONGOING_PER_BIRTH = 0.58;

const woman = (p: Person, onDay: number) =>
  p.sex === 'female' &&
  !p.elderly &&
  onDay - p.birthDay >= 20 * 365 &&
  onDay - p.birthDay < 41 * 365;

/** Each child born in the maternal year and the woman who gave birth to it. */
export function planBirths(ctx: CentreContext, people: Person[]): Map<Person, Person> {
  const from = ctx.cal.dayOf(ctx.cal.year - 1, 9, 1);
  const mothers = new Map<Person, Person>();
  const taken = new Set<Person>();
  const byHousehold = new Map<string, Person[]>();
  const byTeam = new Map<string, Person[]>();
  for (const p of people) {
    if (p.sex !== 'female' || p.elderly || p.age < 19 || p.age > 42) continue;
    for (const [map, key] of [
      [byHousehold, p.householdId],
      [byTeam, p.team.unitId],
    ] as const)
      map.set(key, [...(map.get(key) ?? []), p]);
  }
  for (const child of people) {
    if (child.birthDay < from) continue;
    const fits = (list: Person[] | undefined) =>
      (list ?? []).filter((w) => w !== child && !taken.has(w) && woman(w, child.birthDay));
    let candidates = fits(byHousehold.get(child.householdId));
    if (candidates.length === 0) candidates = fits(byTeam.get(child.team.unitId));
    if (candidates.length === 0) continue;
    const mother = ownStream(ctx.prefix, child.id, 'maternal').pick(candidates);
    taken.add(mother);
    mothers.set(child, mother);
  }
  return mothers;
}

/** The chance a woman 20–40 with no birth this year registers a pregnancy delivering next year. */
export function ongoingChance(people: Person[], births: number): number {
  const women = people.filter((p) => woman(p, 0)).length;
  return women === 0 ? 0 : Math.min(0.2, (ONGOING_PER_BIRTH * births) / women);
}

/** Writes one woman's maternal records in order, each a minute or more after the one before. */
class MotherWriter {
  private lastT: number;
  readonly doctorId: string;
  constructor(
    private readonly ctx: CentreContext,
    private readonly s: Story,
    readonly rng: Random,
  ) {
    this.lastT = s.regT;
    this.doctorId = rng.pick(s.p.team.doctorIds);
  }

  /** False when the day is past the year or the woman's stay. */
  write(
    day: number,
    type: string,
    id: string,
    fields: Record<string, unknown>,
    hour = 15,
  ): boolean {
    const { ctx, s } = this;
    if (day > ctx.lastDay || day >= s.endDay) return false;
    const natural =
      day < 0 ? migrationT(s) : ctx.cal.at(day, hour * HOUR + this.rng.int(0, 2 * HOUR));
    this.lastT = Math.max(natural, this.lastT + 60_000);
    emit(ctx, s, this.lastT, {
      type,
      commandId: `${ctx.prefix}${id}`,
      occurredAt: ctx.cal.date(day),
      residentId: s.p.id,
      recordId: id,
      doctorId: this.doctorId,
      ...fields,
    });
    return true;
  }
}

/** Registration and checks of a pregnancy with its last period on `lmp`, up to `until`. */
function antenatal(
  w: MotherWriter,
  lmp: number,
  until: number,
  early: boolean,
  id: string,
): string | null {
  const rng = w.rng;
  if (!early && rng.chance(NEVER / (NEVER + LATE))) return null;
  const week = early ? rng.int(6, 12) : rng.chance(0.5) ? 13 : rng.int(14, 20);
  const on = lmp + 7 * week + rng.int(0, 6);
  if (on >= until) return null;
  const recordId = `${id}-p`;
  const registered = w.write(on, 'RegisterPregnancy', recordId, { gestationalWeek: week });
  if (!registered) return null;
  w.write(on, 'RecordAntenatalCheck', `${id}-a1`, { gestationalWeek: week }, 16);
  // 孕中期 16–20 and 21–24 weeks, 孕晚期 28–36 and from 36 (before any delivery at 37+).
  const later = [18, 22, 30, 36].filter((wk) => wk > week);
  if (rng.chance(early ? 0.04 : 0.3)) later.splice(rng.int(0, later.length - 1), 1);
  later.forEach((wk, k) => {
    const day = lmp + 7 * wk + rng.int(0, 6);
    if (day < until)
      w.write(day, 'RecordAntenatalCheck', `${id}-a${k + 2}`, { gestationalWeek: wk });
  });
  return recordId;
}

/** A mother's pregnancy, delivery of `child` and postpartum care. */
export function writeMotherhood(
  ctx: CentreContext,
  s: Story,
  child: Person,
  childStory: Story,
): boolean {
  const delivery = child.birthDay;
  if (s.endDay <= delivery + 56 || s.regDay >= delivery) return false;
  const rng = ownStream(ctx.prefix, s.p.id, 'maternal');
  const w = new MotherWriter(ctx, s, rng);
  const id = `${s.p.id}-m${delivery < 0 ? 'h' : ''}`;
  const lmp = delivery - 7 * GA_WEEKS[rng.weighted(GA_WEIGHTS)] - rng.int(0, 6);
  const early = rng.chance(1 - NEVER - LATE);
  antenatal(w, lmp, delivery, early, id);
  const home = rng.chance(0.02);
  const discharge = home ? delivery : delivery + rng.int(1, 4);
  const deliveryId = `${id}-d`;
  w.write(
    discharge,
    'RecordDelivery',
    deliveryId,
    {
      occurredAt: ctx.cal.date(delivery),
      place: home ? 'home' : 'hospital',
      liveBirths: [
        { childId: child.id, sex: child.sex, birthWeightGrams: 2500 + rng.int(0, 30) * 50 },
      ],
      dischargeDate: ctx.cal.date(discharge),
      // The synthetic child is registered by its own command (after this one, naming it), which
      // states its household of the population and the health record opened for it.
      registerChildren: false,
    },
    17,
  );
  const visit = rng.float();
  if (visit < (early ? 0.96 : 0.6))
    w.write(discharge + rng.int(2, 12), 'RecordPostpartumVisit', `${id}-v`, {});
  else if (visit < (early ? 0.98 : 0.7))
    w.write(discharge + rng.int(29, 35), 'RecordPostpartumVisit', `${id}-v`, {});
  const check = rng.float();
  if (check < (early ? 0.95 : 0.5) || check > 0.99)
    w.write(
      delivery + (check > 0.99 ? rng.int(57, 63) : rng.int(42, 52)),
      'RecordPostpartumCheck',
      `${id}-42`,
      {},
    );
  // The child registered at birth names the mother and the delivery (a child of the roll before
  // the year is migrated without them).
  if (childStory.registration) {
    Object.assign(childStory.registration.command, {
      motherId: s.p.id,
      deliveryRecordId: deliveryId,
    });
  }
  return true;
}

/** A pregnancy registered this year that delivers next year, for a woman with no birth now. */
export function writeOngoingPregnancy(ctx: CentreContext, s: Story, chance: number): void {
  if (!woman(s.p, ctx.lastDay)) return;
  const rng = ownStream(ctx.prefix, s.p.id, 'maternal');
  if (!rng.chance(chance)) return;
  const delivery = ctx.lastDay + 1 + rng.int(0, 200);
  const lmp = delivery - 7 * 39;
  const w = new MotherWriter(ctx, s, rng);
  antenatal(w, lmp, delivery, rng.chance(1 - NEVER - LATE), `${s.p.id}-mo`);
}
