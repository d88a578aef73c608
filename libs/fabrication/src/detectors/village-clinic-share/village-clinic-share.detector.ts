/**
 * village-clinic-share — village clinics carrying too little of the work, or getting too little
 * of the money: domain.md "village clinics get at least 34 yuan per capita and carry about 40%
 * of the tasks". Alerts for the supervisor, not refusals.
 *
 * Reads the units (OrgUnitRegistered kinds, parents), the service records and residents
 * (the ledger view), and FundsDisbursed of the period's fund year. A payer is a unit that disbursed
 * (any kind but penalty) to at least one child clinic (kind `village_clinic` or `station`).
 *
 * Tasks: the non-voided service records of the period of residents registered under the payer;
 * the clinics' share = those of residents under a clinic child. With at least `minRecords`
 * records and a share below `minTaskShare` → alert on the payer (score: the share; high below
 * `highTaskShare`). Evidence: the payer's disbursements to its clinics.
 * Per capita: per clinic, what it received in the year / the residents registered under it
 * (alive and not moved away at the end of the log) below `minPerCapitaFen` → alert on the
 * clinic (score: yuan per capita; high below half). Evidence: the disbursements to it. Like
 * fund-pre-disbursement, meant for a settled year: mid-year every clinic is below.
 *
 * Parameters (defaults): `minTaskShare` 0.4 ("about 40%": a little below is tolerated through
 * `highTaskShare`), `highTaskShare` 0.3, `minRecords` 50, `minPerCapitaFen` 3400.
 */
import type { AlertDraft } from '../../alert';
import { type DetectionInput, type Detector, fmt, withDefaults } from '../../detection-input';
import { CLINIC_KINDS } from '../fund-pre-disbursement/fund-pre-disbursement.detector';

const DEFAULTS = { minTaskShare: 0.4, highTaskShare: 0.3, minRecords: 50, minPerCapitaFen: 3400 };
type Params = typeof DEFAULTS;

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const kinds = input.view.unitKinds;
  const paid = new Map<string, { from: string; fen: number; ids: string[] }>();
  for (const e of input.view.funds) {
    if (e.type === 'FundsDisbursed' && e.data.year === input.period && e.data.kind !== 'penalty') {
      const to = e.data.toUnitId as string;
      const x = paid.get(to) ?? { from: e.data.fromUnitId as string, fen: 0, ids: [] };
      x.fen += e.data.amountFen as number;
      x.ids.push(e.eventId);
      paid.set(to, x);
    }
  }
  const clinicsPaid = [...paid.entries()].filter(([to]) => CLINIC_KINDS.has(kinds.get(to) ?? ''));
  if (clinicsPaid.length === 0) return [];
  const view = input.view;
  /** The child of `ancestor` on the way up from `unitId`, or null when not below it. */
  const below = (unitId: string | null, ancestor: string): string | null => {
    for (let u = unitId, depth = 0; u && depth < 20; depth++) {
      const parent = view.parents.get(u) ?? null;
      if (parent === ancestor) return u;
      u = parent;
    }
    return null;
  };
  const alerts: AlertDraft[] = [];
  const payers = new Set(clinicsPaid.map(([, x]) => x.from));
  for (const payer of payers) {
    let all = 0;
    let clinics = 0;
    for (const r of view.records) {
      if (r.voided || r.year !== input.period) continue;
      const child = below(view.residents.get(r.residentId)?.unitId ?? null, payer);
      const own = view.residents.get(r.residentId)?.unitId === payer;
      if (!child && !own) continue;
      all += 1;
      if (child && CLINIC_KINDS.has(kinds.get(child) ?? '')) clinics += 1;
    }
    if (all < p.minRecords) continue;
    const share = clinics / all;
    if (share >= p.minTaskShare) continue;
    alerts.push({
      detector: 'village-clinic-share',
      subject: { kind: 'unit', id: payer },
      period: input.period,
      score: Number(share.toFixed(4)),
      severity: share < p.highTaskShare ? 'high' : 'medium',
      explanation: {
        zh: `${payer} 下属村卫生室承担 ${fmt(share * 100)}% 的服务（${clinics}/${all}），低于约 ${fmt(p.minTaskShare * 100)}%`,
        en: `village clinics under ${payer} carry ${fmt(share * 100)}% of the services (${clinics}/${all}), below about ${fmt(p.minTaskShare * 100)}%`,
      },
      evidence: clinicsPaid.filter(([, x]) => x.from === payer).flatMap(([, x]) => x.ids),
    });
  }
  for (const [clinic, x] of clinicsPaid) {
    let people = 0;
    for (const f of view.residents.values())
      if (!f.died && !f.movedOut && f.unitId && (f.unitId === clinic || below(f.unitId, clinic)))
        people += 1;
    if (people === 0) continue;
    const perCapita = x.fen / people;
    if (perCapita >= p.minPerCapitaFen) continue;
    alerts.push({
      detector: 'village-clinic-share',
      subject: { kind: 'unit', id: clinic },
      period: input.period,
      score: Number((perCapita / 100).toFixed(2)),
      severity: perCapita < p.minPerCapitaFen / 2 ? 'high' : 'medium',
      explanation: {
        zh: `${clinic} 人均拨付 ${fmt(perCapita / 100, 2)} 元（${people} 人），低于 ${fmt(p.minPerCapitaFen / 100, 0)} 元`,
        en: `${clinic} received ${fmt(perCapita / 100, 2)} yuan per capita (${people} residents), below ${fmt(p.minPerCapitaFen / 100, 0)}`,
      },
      evidence: x.ids,
    });
  }
  return alerts;
}

export const villageClinicShareDetector: Detector<Params> = {
  id: 'village-clinic-share',
  description: {
    zh: '村卫生室承担任务不足约 40% 或人均经费低于 34 元',
    en: 'village clinics carrying less than about 40% of the tasks or receiving less than 34 yuan per capita',
  },
  params: DEFAULTS,
  detect,
};
