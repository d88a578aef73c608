/**
 * fund-pre-disbursement — "先预拨、后结算" not followed: a township or community centre
 * pre-disbursed more than 70% of a village clinic's share, or pre-disbursed later than one month
 * after the centre itself received the funds. Alerts, not refusals: the money has moved.
 *
 * Reads FundsAllocated / FundsDisbursed (libs/funds) of the period's fund year (data.year) and
 * the units' kinds from OrgUnitRegistered. Payees of kind `village_clinic` or `station` (the
 * urban counterpart) only.
 *
 * Over-share: per payer and payee, pre-disbursed / everything paid (all kinds but penalty) for
 * the year > `maxPreShare`; the share is what the clinic received in the year, so run it after
 * settlement (mid-year, before any settlement, every pre-disbursement is 100%).
 * Score: the pre-disbursed share; severity high at ≥ `highPreShare`, else medium.
 * Late: a pre-disbursement whose China day is after the same day one month after the payer's
 * first inflow (allocation or receipt) of the year (fundTable's late items). Score: days late;
 * severity medium, high at ≥ `highDaysLate`.
 * Subject: the payee (a clinic). Evidence: the pre-disbursement events.
 *
 * Parameters (defaults): `maxPreShare` 0.7, `highPreShare` 0.9, `highDaysLate` 30.
 */
import { fundTable } from '@libs/funds/fund-table';
import type { AlertDraft } from '../../alert';
import { type DetectionInput, type Detector, fmt, withDefaults } from '../../detection-input';

const DEFAULTS = { maxPreShare: 0.7, highPreShare: 0.9, highDaysLate: 30 };
type Params = typeof DEFAULTS;

export const CLINIC_KINDS = new Set(['village_clinic', 'station']);

const FUND_TYPES = new Set(['FundsAllocated', 'FundsDisbursed', 'FundsRecovered']);
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

function detect(input: DetectionInput, params?: Partial<Params>): AlertDraft[] {
  const p = withDefaults(DEFAULTS, params);
  const kinds = input.view.unitKinds;
  const funds = input.view.funds.filter(
    (e) => FUND_TYPES.has(e.type) && e.data.year === input.period,
  );
  const alerts: AlertDraft[] = [];
  const pairs = new Map<
    string,
    { from: string; to: string; pre: number; all: number; ids: string[] }
  >();
  for (const e of funds) {
    if (e.type !== 'FundsDisbursed' || e.data.kind === 'penalty') continue;
    const to = e.data.toUnitId as string;
    if (!CLINIC_KINDS.has(kinds.get(to) ?? '')) continue;
    const from = e.data.fromUnitId as string;
    const k = `${from}\u0000${to}`;
    const pair = pairs.get(k) ?? { from, to, pre: 0, all: 0, ids: [] };
    const amount = e.data.amountFen as number;
    pair.all += amount;
    if (e.data.kind === 'pre_disbursement') {
      pair.pre += amount;
      pair.ids.push(e.eventId);
    }
    pairs.set(k, pair);
  }
  for (const pair of pairs.values()) {
    if (pair.all === 0 || pair.pre === 0) continue;
    const share = pair.pre / pair.all;
    if (share <= p.maxPreShare) continue;
    alerts.push({
      detector: 'fund-pre-disbursement',
      subject: { kind: 'unit', id: pair.to },
      period: input.period,
      score: Number(share.toFixed(4)),
      severity: share >= p.highPreShare ? 'high' : 'medium',
      explanation: {
        zh: `${pair.from} 向 ${pair.to} 预拨 ${fmt(share * 100)}%，超过 ${fmt(p.maxPreShare * 100)}%`,
        en: `${pair.from} pre-disbursed ${fmt(share * 100)}% of ${pair.to}'s share, above ${fmt(p.maxPreShare * 100)}%`,
      },
      evidence: pair.ids,
    });
  }
  for (const row of fundTable(funds)) {
    const late = row.late.filter((l) => CLINIC_KINDS.has(kinds.get(l.toUnitId) ?? ''));
    const byPayee = new Map<string, typeof late>();
    for (const l of late) byPayee.set(l.toUnitId, [...(byPayee.get(l.toUnitId) ?? []), l]);
    for (const [to, items] of byPayee) {
      const worst = Math.max(...items.map((l) => days(l.dueBy, l.day)));
      alerts.push({
        detector: 'fund-pre-disbursement',
        subject: { kind: 'unit', id: to },
        period: input.period,
        score: worst,
        severity: worst >= p.highDaysLate ? 'high' : 'medium',
        explanation: {
          zh: `${row.unitId} 向 ${to} 的预拨晚于收到资金后一个月（${items[0].dueBy} 前），最迟晚 ${worst} 天`,
          en: `${row.unitId} pre-disbursed to ${to} more than one month after receiving the funds (due by ${items[0].dueBy}); up to ${worst} days late`,
        },
        evidence: items.map((l) => l.eventId),
      });
    }
  }
  return alerts;
}

export const fundPreDisbursementDetector: Detector<Params> = {
  id: 'fund-pre-disbursement',
  description: {
    zh: '村卫生室预拨超过应得的 70%，或晚于乡镇中心收到资金后一个月',
    en: "a village clinic's pre-disbursement above 70% of its share, or later than one month after the centre received the funds",
  },
  params: DEFAULTS,
  detect,
};
