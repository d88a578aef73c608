/**
 * duplicate-household (疑似重复建档) — a family registered again in another centre, found without
 * ID numbers: two households in different centres whose members repeat one another's birth dates
 * and sexes, both served in the period.
 *
 * Registrations without an ID number cannot be matched by its keyed hash (duplicate-registration),
 * and one person's birth date and sex alone say nothing: a district of 480,000 shares each pair
 * with a dozen others. A household does better. On the clean synthetic district year (seed 1,
 * 198,000 households), households sharing two members' birth dates and sexes across centres
 * came up 81 times by chance alone; sharing three, never. So three members must match, which
 * leaves couples and single people to the ID-number route (or to a home visit).
 *
 * A member counts when registered by the period's end and neither died nor moved out before it
 * began; a household counts when one of its counted members had a service in the period, so a
 * register entry nobody serves (a stale copy) does not pair with the family's real one, and a
 * double that is served in both centres is what inflates figures. Subject: the first matched
 * member of the household registered later (the copy). Evidence: the matched members'
 * registrations in both households. Score: the members matched.
 *
 * Parameters (defaults):
 * - `minMatched` 3 — members of both households with the same birth date and sex.
 * - `highMatched` 4 — from this many the alert is high, else medium.
 * - `maxMembers` 8 — larger households are left out (their combinations grow fast, and a
 *   household that size is usually a collective register, not a family).
 */
import type { AlertDraft } from '../../alert';
import { type Detector, withDefaults } from '../../detection-input';
import type { HouseholdMember, LedgerView } from '../../ledger-view';

interface Params extends Record<string, number> {
  minMatched: number;
  highMatched: number;
  maxMembers: number;
}

const DEFAULTS: Params = { minMatched: 3, highMatched: 4, maxMembers: 8 };

const CENTRE_KINDS = new Set(['community_centre', 'township_centre']);

interface Household {
  householdId: string;
  centre: string;
  members: HouseholdMember[];
  /** The latest registration among its counted members. */
  registeredOn: string;
}

/** The centre a unit belongs to (itself, or its nearest centre above), else the unit itself. */
function centreOf(view: LedgerView, unitId: string): string {
  let u: string | null | undefined = unitId;
  for (let depth = 0; u && depth < 12; depth += 1) {
    if (CENTRE_KINDS.has(view.unitKinds.get(u) ?? '')) return u;
    u = view.parents.get(u);
  }
  return unitId;
}

/** The members of `a` and `b` that pair up by birth date and sex (each member used once). */
function matched(a: Household, b: Household): [HouseholdMember[], HouseholdMember[]] {
  const left = [...b.members];
  const mine: HouseholdMember[] = [];
  const theirs: HouseholdMember[] = [];
  for (const m of a.members) {
    const i = left.findIndex((o) => o.who === m.who);
    if (i < 0) continue;
    mine.push(m);
    theirs.push(left[i]);
    left.splice(i, 1);
  }
  return [mine, theirs];
}

export const duplicateHouseholdDetector: Detector<Params> = {
  id: 'duplicate-household',
  description: {
    zh: '两个不同中心的家庭有三名以上成员出生日期、性别相同，且两处均有服务（疑似重复建档）',
    en: 'two households in different centres with three or more members of the same birth date and sex, both served (a family registered twice)',
  },
  params: DEFAULTS,
  detect: (input, overrides) => {
    const p = withDefaults(DEFAULTS, overrides);
    const { view } = input;
    const start = `${input.period}-01-01`;
    const end = `${input.period}-12-31`;
    const served = new Set<string>();
    for (const r of view.records)
      if (!r.voided && r.year === input.period) served.add(r.residentId);
    const gone = (m: { day: string } | null | undefined) => !!m && m.day < start;

    // Households indexed by each kind of member they have; a pair is looked at when they share
    // enough kinds. (Indexing every choice of three members as a string took more memory than
    // the rest of detection's view of a district.)
    const eligible: Household[] = [];
    const byWho = new Map<string, Household[]>();
    for (const [householdId, all] of view.households) {
      const members = all.filter((m) => {
        const facts = view.residents.get(m.residentId);
        const day = view.registrations.get(m.residentId)?.day ?? '';
        return day <= end && !gone(facts?.died) && !gone(facts?.movedOut);
      });
      if (members.length < p.minMatched || members.length > p.maxMembers) continue;
      if (!members.some((m) => served.has(m.residentId))) continue;
      const unitId = view.residents.get(members[0].residentId)?.unitId;
      if (!unitId) continue;
      const household: Household = {
        householdId,
        centre: centreOf(view, unitId),
        members,
        registeredOn: members.reduce((latest, m) => {
          const day = view.registrations.get(m.residentId)?.day ?? '';
          return day > latest ? day : latest;
        }, ''),
      };
      eligible.push(household);
      for (const who of new Set(members.map((m) => m.who))) {
        const list = byWho.get(who);
        if (list) list.push(household);
        else byWho.set(who, [household]);
      }
    }

    const alerts: AlertDraft[] = [];
    for (const h of eligible) {
      const shared = new Map<Household, number>();
      for (const who of new Set(h.members.map((m) => m.who)))
        for (const other of byWho.get(who) ?? [])
          // Each pair once (from the smaller id), and only across centres.
          if (other.householdId > h.householdId && other.centre !== h.centre)
            shared.set(other, (shared.get(other) ?? 0) + 1);
      for (const [other, kinds] of shared) {
        if (kinds < p.minMatched) continue;
        // The copy is the household registered later (ties: the larger id).
        const [original, copy] = h.registeredOn <= other.registeredOn ? [h, other] : [other, h];
        const [fromCopy, fromOriginal] = matched(copy, original);
        if (fromCopy.length < p.minMatched) continue;
        const n = fromCopy.length;
        alerts.push({
          detector: 'duplicate-household',
          subject: { kind: 'resident', id: fromCopy[0].residentId },
          period: input.period,
          score: n,
          severity: n >= p.highMatched ? 'high' : 'medium',
          explanation: {
            zh: `疑似重复建档：家庭 ${copy.householdId}（${copy.centre}）与家庭 ${original.householdId}（${original.centre}）有 ${n} 名成员出生日期、性别相同，两处均有服务记录（另一中心的家庭三名成员同时相同，偶然几乎不会出现）`,
            en: `likely duplicate registration: household ${copy.householdId} (${copy.centre}) and household ${original.householdId} (${original.centre}) have ${n} members of the same birth date and sex, both served in the period (three members alike in a household of another centre almost never happens by chance)`,
          },
          evidence: [...fromOriginal, ...fromCopy].flatMap((m) => {
            const r = view.registrations.get(m.residentId);
            return r ? [r.eventId] : [];
          }),
        });
      }
    }
    return alerts;
  },
};
