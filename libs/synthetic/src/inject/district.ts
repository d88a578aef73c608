import type { PlantedCase } from '@libs/fabrication/planted';
import { HOUR_MS, type YearCalendar } from '../calendar';
import type { SeedCommand, SortedCommands } from '../command-log';
import type { Team } from '../org';
import type { Person } from '../population';
import type { Random } from '../random';
import { Recorder } from '../recorder';

export type Condition = 'hypertension' | 'diabetes';
export const CONDITIONS: readonly Condition[] = ['hypertension', 'diabetes'];
const DAY_MS = 24 * HOUR_MS;
export const MINUTE_MS = 60_000;

/** One centre's honest commands, editable: lines may be replaced, moved in time or added. */
export class EditablePart {
  readonly times: number[];
  readonly lines: string[];
  changed = false;

  constructor(source: SortedCommands) {
    this.times = Array.from(source.times);
    this.lines = [...source.lines];
  }

  command(i: number): SeedCommand {
    return JSON.parse(this.lines[i]) as SeedCommand;
  }

  replace(i: number, command: SeedCommand, recordedAt = this.times[i]): void {
    this.lines[i] = JSON.stringify(command);
    this.times[i] = recordedAt;
    this.changed = true;
  }

  push(recordedAt: number, command: SeedCommand): number {
    this.times.push(recordedAt);
    this.lines.push(JSON.stringify(command));
    this.changed = true;
    return this.lines.length - 1;
  }

  /** Recorded-time order again; equal times keep the order of writing, as CommandLog does. */
  sorted(): SortedCommands {
    const { times, lines } = this;
    const order = Array.from({ length: times.length }, (_, i) => i);
    order.sort((a, b) => times[a] - times[b] || a - b);
    return { times: Float64Array.from(order, (i) => times[i]), lines: order.map((i) => lines[i]) };
  }
}

/** What the honest story says about one resident, read back from the commands. */
export interface ResidentFacts {
  id: string;
  part: number;
  team: Team;
  elderly: boolean;
  regDay: number;
  regT: number;
  fate: { kind: 'death' | 'move'; idx: number; day: number; t: number } | null;
  enrol: Partial<Record<Condition, { day: number; t: number }>>;
  /** Line indexes of the follow-ups of each condition. */
  followUps: Record<Condition, number[]>;
  /** Days of the follow-ups of each condition, the added ones included. */
  followUpDays: Record<Condition, number[]>;
  /** Follow-ups, checkups and TCM assessments. */
  services: number;
  contracts: number;
  /** Has a correction, a voided copy: its records are left alone. */
  fixed: boolean;
}

/** A follow-up or checkup with measurements, by the doctor who recorded it. */
export interface Visit {
  part: number;
  idx: number;
  residentId: string;
}

export interface DoctorFacts {
  id: string;
  part: number;
  team: Team;
  visits: Visit[];
}

export interface CentreInput {
  unitId: string;
  teams: Team[];
  people: Person[];
  elderly: number;
}

/** The district being falsified: its parts, what they say, and what was already touched. */
export class District {
  readonly parts: EditablePart[];
  readonly residents = new Map<string, ResidentFacts>();
  readonly doctors = new Map<string, DoctorFacts>();
  readonly planted: PlantedCase[] = [];
  /** Residents and doctors one pattern already used: no other pattern touches them. */
  readonly touchedResidents = new Set<string>();
  readonly touchedDoctors = new Set<string>();
  /** Commands that belong to no centre (the aggregate reports). */
  readonly extra: EditablePart;

  constructor(
    readonly cal: YearCalendar,
    readonly capMs: number,
    readonly prefix: string,
    readonly centres: CentreInput[],
    sources: SortedCommands[],
  ) {
    this.parts = sources.map((s) => new EditablePart(s));
    this.extra = new EditablePart({ times: new Float64Array(0), lines: [] });
    centres.forEach((c, part) => this.index(part, c));
  }

  get year(): number {
    return this.cal.year;
  }

  get lastDay(): number {
    return this.cal.length - 1;
  }

  /** The day (from 1 January) of an ISO date. */
  day(iso: string): number {
    return Math.round((Date.parse(iso.slice(0, 10)) - this.cal.startUtc) / DAY_MS);
  }

  recorder(rng: Random): Recorder {
    return new Recorder(this.cal, rng, this.capMs);
  }

  plant(c: Omit<PlantedCase, 'period'>): void {
    this.planted.push({ ...c, period: this.year });
  }

  /** Residents of a team in a stable order. */
  teamResidents(team: Team): ResidentFacts[] {
    return this.byTeam.get(team.teamId) ?? [];
  }

  /** A doctor of the team no pattern has claimed, else any of them. */
  teamDoctor(rng: Random, team: Team): string {
    const free = team.doctorIds.filter((d) => !this.touchedDoctors.has(d));
    return rng.pick(free.length > 0 ? free : team.doctorIds);
  }

  /** Whether the resident is registered and neither dead nor gone on a day. */
  presentOn(r: ResidentFacts, day: number): boolean {
    return r.regDay < day && (r.fate === null || r.fate.day > day);
  }

  enrolledBefore(r: ResidentFacts, day: number): Condition | null {
    return CONDITIONS.find((c) => r.enrol[c] !== undefined && r.enrol[c]!.day < day) ?? null;
  }

  private readonly byTeam = new Map<string, ResidentFacts[]>();

  private index(part: number, centre: CentreInput): void {
    const persons = new Map(centre.people.map((p) => [p.id, p]));
    for (const team of centre.teams) {
      this.byTeam.set(team.teamId, []);
      for (const d of team.doctorIds) this.doctors.set(d, { id: d, part, team, visits: [] });
    }
    const src = this.parts[part];
    src.lines.forEach((line, idx) => {
      const c = JSON.parse(line) as SeedCommand & Record<string, never>;
      const t = src.times[idx];
      const residentId = c.residentId as string | undefined;
      if (c.type === 'RegisterResident') {
        const p = persons.get(residentId!)!;
        const r: ResidentFacts = {
          id: p.id,
          part,
          team: p.team,
          elderly: p.elderly,
          regDay: this.day(c.occurredAt),
          regT: t,
          fate: null,
          enrol: {},
          followUps: { hypertension: [], diabetes: [] },
          followUpDays: { hypertension: [], diabetes: [] },
          services: 0,
          contracts: 0,
          fixed: false,
        };
        this.residents.set(p.id, r);
        this.byTeam.get(p.team.teamId)!.push(r);
        return;
      }
      const r = residentId === undefined ? undefined : this.residents.get(residentId);
      if (!r) return;
      switch (c.type) {
        case 'RecordResidentDeath':
        case 'RecordResidentMovedOut':
          r.fate = {
            kind: c.type === 'RecordResidentDeath' ? 'death' : 'move',
            idx,
            day: this.day(c.occurredAt),
            t,
          };
          break;
        case 'EnrollChronicCare':
          r.enrol[c.condition as Condition] = { day: this.day(c.occurredAt), t };
          break;
        case 'SignContract':
          r.contracts += 1;
          break;
        case 'CorrectRecord':
        case 'VoidRecord':
          r.fixed = true;
          break;
        case 'RecordFollowUp':
        case 'RecordCheckup':
        case 'RecordTcmAssessment': {
          r.services += 1;
          if (c.type === 'RecordFollowUp') {
            r.followUps[c.condition as Condition].push(idx);
            r.followUpDays[c.condition as Condition].push(this.day(c.occurredAt));
          }
          if (c.type !== 'RecordTcmAssessment')
            this.doctors.get(c.doctorId as string)?.visits.push({ part, idx, residentId: r.id });
          break;
        }
        default:
          break;
      }
    });
  }
}

/** `max(1, round(rate × n))` subjects drawn without replacement, or none when nothing is eligible. */
export function choose<T>(rng: Random, eligible: readonly T[], rate: number): T[] {
  if (eligible.length === 0 || rate <= 0) return [];
  const n = Math.min(eligible.length, Math.max(1, Math.round(rate * eligible.length)));
  return rng.shuffle([...eligible]).slice(0, n);
}

const clip = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const oneDecimal = (v: number) => Math.round(v * 10) / 10;

export interface Measures {
  systolic: number;
  diastolic: number;
  fastingGlucose: number;
  weightKg: number;
  heightCm: number;
}

/** Ordinary, varied measurements for a record the fabricator adds. */
export function measures(rng: Random): Measures {
  const systolic = Math.round(clip(rng.normal(134, 14), 95, 200));
  return {
    systolic,
    diastolic: Math.round(clip(rng.normal(80, 9), 55, systolic - 20)),
    fastingGlucose: oneDecimal(clip(Math.exp(rng.normal(Math.log(6.2), 0.2)), 3.5, 20)),
    weightKg: oneDecimal(clip(rng.normal(64, 10), 38, 120)),
    heightCm: oneDecimal(clip(rng.normal(162, 8), 140, 190)),
  };
}

/** Days around a follow-up in which another one of the condition would look like a burst. */
const FOLLOW_UP_SPACING_DAYS = 15;

/**
 * A face-to-face follow-up (the patient is enrolled and had none of the condition within 15
 * days) or else a checkup, as the clinic would send it: the added record must not by itself
 * make another pattern (two follow-ups in a few days are a burst).
 */
export function service(
  d: District,
  rng: Random,
  r: ResidentFacts,
  day: number,
  doctorId: string,
  recordId: string,
  mode: 'face_to_face_clinic' | 'face_to_face_home' = 'face_to_face_clinic',
): SeedCommand {
  const m = measures(rng);
  const base = {
    commandId: `${d.prefix}${recordId}`,
    occurredAt: d.cal.date(day),
    residentId: r.id,
    recordId,
    doctorId,
  };
  const condition = d.enrolledBefore(r, day);
  if (
    condition &&
    r.followUpDays[condition].every((f) => Math.abs(f - day) > FOLLOW_UP_SPACING_DAYS)
  ) {
    r.followUpDays[condition].push(day);
    const glucose = condition === 'diabetes' ? { fastingGlucose: m.fastingGlucose } : {};
    return {
      type: 'RecordFollowUp',
      ...base,
      condition,
      mode,
      systolic: m.systolic,
      diastolic: m.diastolic,
      ...glucose,
      weightKg: m.weightKg,
      referral: false,
    };
  }
  return {
    type: 'RecordCheckup',
    ...base,
    kind: r.elderly ? 'elderly_annual' : 'other',
    complete: true,
    vitals: m,
  };
}

/**
 * The earliest moment a new record of the resident dated `day` may reach the ledger: after the
 * registration and the enrolments dated before it (and no later, or it would look back-dated).
 */
export function notBefore(r: ResidentFacts, day: number): number {
  const enrolled = CONDITIONS.map((c) => r.enrol[c]).filter((e) => e !== undefined && e.day < day);
  return Math.max(r.regT, ...enrolled.map((e) => e!.t)) + MINUTE_MS;
}
