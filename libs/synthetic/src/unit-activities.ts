import { SERVICE_UNIT_CLASS, type UnitKind, reportingLimitHours } from '@libs/records';
import { HOUR_MS } from './calendar';
import type { SeedCommand } from './command-log';
import type { CentreOrg } from './org';
import { ownStream } from './own-stream';
import type { Random } from './random';
import type { CentreContext } from './story';

/**
 * A centre's and its stations' own public-health work (decision 0019): health education at
 * about the plan's minimums (a month's lecture missed now and then, a few units short of a
 * minimum), notifiable cases at about 250 per 100,000 a year, ~98% reported and ~97% of the
 * reports within the statutory time, and a handful of supervision reports. Drawn from each
 * unit's own stream, so the rest of a seeded district does not change.
 */
const TOPICS = [
  '高血压防治',
  '糖尿病防治',
  '合理膳食',
  '控烟限酒',
  '科学运动',
  '心理健康',
  '传染病防控',
  '预防接种',
  '妇幼保健',
  '老年人健康',
  '中医药养生',
  '慢阻肺防治',
  '食品安全',
  '安全用药',
  '口腔健康',
  '防跌倒',
];
const CLASS_B = ['乙肝', '肺结核', '梅毒', '细菌性痢疾', '猩红热'];
const CLASS_C = ['流行性感冒', '手足口病', '其他感染性腹泻病', '流行性腮腺炎'];
const SUPERVISION = ['illegal_practice', 'water_safety', 'school_health', 'food_safety'];
const CASES_PER_PERSON_YEAR = 0.0025;

interface Unit {
  unitId: string;
  centre: boolean;
  doctorIds: string[];
}

function unitsOf(org: CentreOrg): Unit[] {
  const all = org.teams.flatMap((t) => t.doctorIds);
  return org.commands
    .filter((c) => c.type === 'RegisterOrgUnit' && SERVICE_UNIT_CLASS[c.kind as UnitKind])
    .map((c) => {
      const unitId = c.unitId as string;
      const own = org.teams.filter((t) => t.unitId === unitId).flatMap((t) => t.doctorIds);
      // A station without a team of its own is served by the centre's doctors.
      return {
        unitId,
        centre: SERVICE_UNIT_CLASS[c.kind as UnitKind] === 'centre',
        doctorIds: own.length ? own : all,
      };
    });
}

/** Writes every unit's activities of the year; `population` is the centre's residents. */
export function writeUnitActivities(ctx: CentreContext, org: CentreOrg, population: number): void {
  for (const unit of unitsOf(org)) {
    if (unit.doctorIds.length === 0) continue;
    const rng = ownStream(ctx.prefix, unit.unitId, 'unit-activities');
    const w = new UnitWriter(ctx, unit, rng);
    w.education();
    if (unit.centre) {
      w.cases(population);
      w.supervision();
    }
  }
}

class UnitWriter {
  private n = 0;

  constructor(
    private readonly ctx: CentreContext,
    private readonly unit: Unit,
    private readonly rng: Random,
  ) {}

  education(): void {
    const { rng, unit } = this;
    const months = unit.centre ? 1 : 2;
    // A lecture per block, missed one time in twenty-five; boards renewed per two months.
    for (let first = 0; first < 12; first += months) {
      if (rng.chance(0.96))
        this.edu('lecture', this.dayIn(first, first + months - 1), rng.pick(TOPICS));
    }
    for (let first = 0; first < 12; first += 2)
      for (let b = 0; b < (unit.centre ? 2 : 1); b += 1)
        if (rng.chance(0.97))
          this.edu('board_renewal', this.dayIn(first, first + 1), rng.pick(TOPICS));
    if (!unit.centre) return;
    const consultations = rng.chance(0.1) ? rng.int(7, 8) : rng.int(9, 12);
    for (let k = 0; k < consultations; k += 1)
      this.edu('consultation', this.dayIn(0, 11), rng.pick(TOPICS));
    const printed = rng.chance(0.1) ? rng.int(9, 11) : rng.int(12, 16);
    const titles = rng.shuffle([...TOPICS]).slice(0, printed);
    for (const title of titles)
      for (let k = rng.int(1, 3); k > 0; k -= 1)
        this.edu('printed_material', this.dayIn(0, 11), `${title}宣传折页`);
    const videos = rng.chance(0.1) ? 5 : rng.int(6, 9);
    for (const title of rng.shuffle([...TOPICS]).slice(0, videos))
      this.edu('video', this.dayIn(0, 11), `${title}科普视频`);
  }

  cases(population: number): void {
    const { rng, ctx } = this;
    const expected = population * CASES_PER_PERSON_YEAR;
    const count = Math.max(0, Math.round(expected + rng.normal(0, Math.sqrt(expected))));
    for (let k = 0; k < count; k += 1) {
      const day = rng.int(0, ctx.lastDay);
      const found = ctx.cal.at(day, 8 * HOUR_MS + rng.int(0, 10 * 60) * 60_000);
      const diseaseClass = rng.chance(0.45) ? 'B' : 'C';
      const limit = reportingLimitHours(diseaseClass, false) * HOUR_MS;
      const r = rng.float();
      const reported =
        r < 0.015
          ? null
          : r < 0.045
            ? found + limit + rng.int(10, 24 * 60) * 60_000
            : found + rng.int(10, Math.min(limit, 20 * HOUR_MS) / 60_000) * 60_000;
      this.emit(Math.max(reported ?? found, found) + rng.int(1, 48) * 3_600_000, {
        type: 'RecordInfectiousDiseaseCase',
        occurredAt: new Date(found).toISOString(),
        disease: rng.pick(diseaseClass === 'B' ? CLASS_B : CLASS_C),
        diseaseClass,
        ...(reported === null ? {} : { reportedAt: new Date(reported).toISOString() }),
      });
    }
  }

  supervision(): void {
    const { rng } = this;
    for (let k = rng.int(4, 12); k > 0; k -= 1) {
      const day = this.dayIn(0, 11);
      this.emit(this.recordedAfter(day), {
        type: 'RecordHealthSupervisionReport',
        occurredAt: this.ctx.cal.date(day),
        kind: rng.pick(SUPERVISION),
      });
    }
  }

  private edu(kind: string, day: number, title: string): void {
    this.emit(this.recordedAfter(day), {
      type: 'RecordHealthEducationActivity',
      occurredAt: this.ctx.cal.date(day),
      kind,
      title,
      ...(kind === 'board_renewal' ? {} : { audience: this.rng.int(15, 120) }),
    });
  }

  /** A weekday in months [from, to] (0-based) of the year. */
  private dayIn(from: number, to: number): number {
    const { cal } = this.ctx;
    const lo = cal.dayOf(cal.year, from, 1);
    const hi = Math.min(cal.dayOf(cal.year, to + 1, 0), this.ctx.lastDay);
    let day = this.rng.int(lo, hi);
    for (let k = 0; k < 3 && [0, 6].includes(cal.weekday(day)); k += 1) day = this.rng.int(lo, hi);
    return day;
  }

  /** Entered that evening or within three days, never past the seed's cut-off. */
  private recordedAfter(day: number): number {
    return this.ctx.cal.at(
      day + this.rng.int(0, 3),
      18 * HOUR_MS + this.rng.int(0, 3 * 3600) * 1000,
    );
  }

  private emit(
    t: number,
    command: Omit<SeedCommand, 'commandId'> & { type: string; occurredAt: string },
  ): void {
    this.n += 1;
    const recordId = `${this.unit.unitId}-act-${this.n}`;
    this.ctx.log.push(Math.min(t, this.ctx.rec.capMs), {
      ...command,
      commandId: `${this.ctx.prefix}${recordId}`,
      unitId: this.unit.unitId,
      recordId,
      doctorId: this.rng.pick(this.unit.doctorIds),
    });
  }
}
