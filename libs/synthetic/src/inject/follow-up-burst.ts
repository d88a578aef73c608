import type { SeedCommand } from '../command-log';
import type { Random } from '../random';
import { CONDITIONS, type District, MINUTE_MS, choose, notBefore } from './district';

/**
 * follow-up-burst (subject: the resident). A patient's four quarterly follow-ups of one condition
 * are all dated within five days of the last one (half the time all on that one day) and reach
 * the ledger together, as if the year's forms were filled in at one sitting. Forms filled in
 * without a visit read as controlled (an uncontrolled reading would excuse the next visit as
 * the guideline's early recheck).
 */
/** Readings of the follow-up made controlled (under 140/90, fasting glucose under 7.0) where they were not. */
function controlled(rng: Random, c: SeedCommand): Partial<SeedCommand> {
  const out: Record<string, number> = {};
  const sys = c.systolic as number | undefined;
  const dia = c.diastolic as number | undefined;
  if (sys !== undefined && dia !== undefined && (sys >= 140 || dia >= 90)) {
    out.systolic = rng.int(118, 138);
    out.diastolic = Math.min(rng.int(68, 88), out.systolic - 25);
  }
  const glucose = c.fastingGlucose as number | undefined;
  if (glucose !== undefined && glucose >= 7.0) out.fastingGlucose = rng.int(52, 69) / 10;
  return out;
}

export function injectFollowUpBurst(d: District, rng: Random, rate: number): void {
  const eligible = [...d.residents.values()].filter(
    (r) =>
      !r.fixed &&
      !d.touchedResidents.has(r.id) &&
      CONDITIONS.some((c) => r.followUps[c].length === 4),
  );
  const rec = d.recorder(rng);
  for (const r of choose(rng, eligible, rate)) {
    const condition = CONDITIONS.find((c) => r.followUps[c].length === 4)!;
    const part = d.parts[r.part];
    const commands = r.followUps[condition].map((idx) => ({ idx, c: part.command(idx) }));
    const last = Math.max(...commands.map(({ c }) => d.day(c.occurredAt)));
    const oneDay = rng.chance(0.5);
    const days = commands.map(() => (oneDay ? last : last - rng.int(0, 4))).sort((a, b) => a - b);
    const t0 = Math.max(rec.workingHours(last + rng.int(0, 2)), notBefore(r, days[0]));
    if (t0 + 10 * MINUTE_MS > d.capMs) continue;
    commands.forEach(({ idx, c }, k) =>
      part.replace(
        idx,
        { ...c, ...controlled(rng, c), occurredAt: d.cal.date(days[k]) },
        t0 + k * 2 * MINUTE_MS,
      ),
    );
    d.touchedResidents.add(r.id);
    d.plant({
      pattern: 'follow-up-burst',
      subject: { kind: 'resident', id: r.id },
      commandIds: commands.map(({ c }) => c.commandId),
    });
  }
}
