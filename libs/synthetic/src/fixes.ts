import type { SeedCommand } from './command-log';
import { type CentreContext, type ServiceRecord, type Story, emit } from './story';

const CONSTITUTIONS = ['balanced', 'qi_deficiency', 'yang_deficiency', 'yin_deficiency'];

/** The change a clerk makes to a mistyped record, and why; null when the record has nothing to fix. */
function correctionOf(
  ctx: CentreContext,
  c: SeedCommand,
): { changes: Record<string, unknown>; reason: string } | null {
  const { rng } = ctx;
  if (c.type === 'RecordFollowUp' && c.condition === 'hypertension') {
    const sys = c.systolic as number;
    const dia = c.diastolic as number;
    const options = [sys - 20, sys - 10, sys + 10, sys + 20].filter(
      (v) => v >= 90 && v <= 220 && v >= dia + 20,
    );
    if (options.length === 0) return null;
    return {
      changes: { systolic: rng.pick(options) },
      reason:
        '收缩压录入错误，已核对原始记录 / systolic mistyped, checked against the paper record',
    };
  }
  if (c.type === 'RecordFollowUp') {
    const fbg = c.fastingGlucose as number;
    const fixed = Math.round(Math.max(3, Math.min(25, fbg + rng.pick([-2, -1, 1, 2]))) * 10) / 10;
    return fixed === fbg
      ? null
      : {
          changes: { fastingGlucose: fixed },
          reason: '空腹血糖录入错误 / fasting glucose mistyped',
        };
  }
  if (c.type === 'RecordCheckup') {
    const vitals = c.vitals as Record<string, number>;
    const weightKg = Math.round((vitals.weightKg + rng.pick([-5, 5])) * 10) / 10;
    return {
      changes: { vitals: { ...vitals, weightKg } },
      reason: '体重录入错误 / weight mistyped',
    };
  }
  const constitution = rng.pick(CONSTITUTIONS.filter((k) => k !== c.constitution));
  return { changes: { constitution }, reason: '体质类型录入错误 / constitution entered wrongly' };
}

/**
 * About one record in a thousand is corrected later, with a reason; about one follow-up in
 * 1,250 is entered twice and the copy voided. Neither may reach the ledger after its cut-off.
 */
export function writeFixes(ctx: CentreContext, s: Story): void {
  const { cal, rng, rec, prefix } = ctx;
  const originals: ServiceRecord[] = [...s.records];
  for (const r of originals) {
    if (rng.chance(0.001)) {
      const fix = correctionOf(ctx, r.command);
      const day = rec.dayOf(r.recordedAt) + rng.int(1, 20);
      const t = rec.workingHours(day);
      if (fix && t <= rec.capMs) {
        emit(ctx, s, t, {
          type: 'CorrectRecord',
          commandId: `${prefix}${r.recordId}-fix`,
          occurredAt: cal.date(day),
          residentId: s.p.id,
          recordId: r.recordId,
          reason: fix.reason,
          changes: fix.changes,
        });
      }
    }
    if (r.command.type === 'RecordFollowUp' && rng.chance(0.0008)) {
      const copyId = `${r.recordId}-dup`;
      const copyT = r.recordedAt + rng.int(1, 5) * 60_000;
      const day = rec.dayOf(copyT) + rng.int(1, 14);
      const voidT = rec.workingHours(day);
      if (voidT > rec.capMs) continue;
      emit(ctx, s, copyT, { ...r.command, commandId: `${prefix}${copyId}`, recordId: copyId });
      emit(ctx, s, voidT, {
        type: 'VoidRecord',
        commandId: `${prefix}${copyId}-void`,
        occurredAt: cal.date(day),
        residentId: s.p.id,
        recordId: copyId,
        reason: '重复录入 / entered twice',
      });
    }
  }
}
