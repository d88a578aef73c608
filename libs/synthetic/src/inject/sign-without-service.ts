import { workday } from '../story';
import type { Random } from '../random';
import { type District, type DoctorFacts, MINUTE_MS, choose } from './district';

/** Contracts in the batch: well above what an honest signing campaign gives one doctor in two days. */
const MIN_CONTRACTS = 40;
/** Signed by late August, so the rest of the year shows no service came (detectors wait ~90 days). */
const LAST_SIGNING_DAY = 240;

/**
 * sign-without-service (subject: the doctor). Within two days (or, subtle, spread over five to
 * seven) a doctor who is not the team's lead (the lead signs the team's honest contracts) signs
 * 40–60 contracts
 * with residents of the team who had none and who then get no service all year: signing
 * figures made on paper.
 */
export function injectSignWithoutService(d: District, rng: Random, rate: number): void {
  const unsigned = (doc: DoctorFacts) =>
    d
      .teamResidents(doc.team)
      .filter(
        (r) =>
          r.contracts === 0 && r.services === 0 && r.fate === null && !d.touchedResidents.has(r.id),
      );
  // Not the team's lead, who signs the team's honest contracts: the batch stands on its own.
  const eligible = [...d.doctors.values()].filter(
    (doc) =>
      !d.touchedDoctors.has(doc.id) &&
      doc.team.doctorIds[0] !== doc.id &&
      unsigned(doc).length >= MIN_CONTRACTS * 1.5,
  );
  const rec = d.recorder(rng);
  for (const doc of choose(rng, eligible, rate)) {
    const first = workday(d.cal, rng, rng.int(20, LAST_SIGNING_DAY), 20, LAST_SIGNING_DAY);
    const candidates = unsigned(doc).filter((r) => r.regDay < first);
    const chosen = rng.shuffle([...candidates]).slice(0, MIN_CONTRACTS + rng.int(0, 20));
    if (chosen.length < MIN_CONTRACTS) continue;
    d.touchedDoctors.add(doc.id);
    // Every other batch is spread over five to seven days, to stay under a two-day rule.
    const spread = rng.chance(0.5) ? rng.int(5, 7) : 2;
    const commandIds = chosen.map((r) => {
      d.touchedResidents.add(r.id);
      const day = first + rng.int(0, spread - 1);
      const contractId = `${r.id}-c${d.year}-x`;
      const t = Math.max(rec.workingHours(day), r.regT + MINUTE_MS);
      d.parts[r.part].push(t, {
        type: 'SignContract',
        commandId: `${d.prefix}${contractId}`,
        occurredAt: d.cal.date(day),
        residentId: r.id,
        contractId,
        doctorId: doc.id,
        teamId: doc.team.teamId,
        start: d.cal.date(day),
        end: d.cal.date(d.cal.oneYearOn(day)),
        household: false,
        servicePackage: 'basic',
      });
      return `${d.prefix}${contractId}`;
    });
    d.plant({
      pattern: 'sign-without-service',
      subject: { kind: 'doctor', id: doc.id },
      commandIds,
      ...(spread > 2 ? { subtle: `the batch spread over ${spread} days` } : {}),
    });
  }
}
