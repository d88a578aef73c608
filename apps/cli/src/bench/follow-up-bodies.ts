import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Follow-ups are dated in December of the seeded year, after every enrolment they rely on. */
const FIRST_DAY = '2024-12-01';
const DAYS = 28;

interface Enrolment {
  residentId: string;
  condition: 'hypertension' | 'diabetes';
}

/**
 * Request bodies for the HTTP load: one RecordFollowUp per request, each with its own commandId
 * and recordId, for residents that the imported file enrolled in chronic care (and that neither
 * died nor moved out in it), seen by a doctor of their own centre. Every body is a command the
 * ledger should accept, so a non-2xx answer in the table is a real failure, not bad input.
 */
export async function followUpBodies(file: string, runId: string): Promise<() => string> {
  const enrolments: Enrolment[] = [];
  const gone = new Set<string>();
  const doctorsByUnit = new Map<string, string[]>();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    // Cheap substring tests first: of a district year's 1.2 M lines only a few % matter here.
    if (line.includes('"EnrollChronicCare"')) {
      const c = JSON.parse(line) as Enrolment & { type: string; occurredAt: string };
      if (c.type === 'EnrollChronicCare' && c.occurredAt < FIRST_DAY)
        enrolments.push({ residentId: c.residentId, condition: c.condition });
    } else if (line.includes('"RegisterDoctor"')) {
      const c = JSON.parse(line) as { type: string; doctorId: string; unitId: string };
      if (c.type === 'RegisterDoctor')
        doctorsByUnit.set(c.unitId, [...(doctorsByUnit.get(c.unitId) ?? []), c.doctorId]);
    } else if (/"(RecordResidentDeath|RecordResidentMovedOut|VoidRecord)"/.test(line)) {
      // Dead, moved out, or a record voided (perhaps the enrolment itself): left out.
      gone.add((JSON.parse(line) as { residentId: string }).residentId);
    }
  }
  const anyDoctor = [...doctorsByUnit.values()].flat();
  const usable = enrolments.filter((e) => !gone.has(e.residentId));
  if (usable.length === 0 || anyDoctor.length === 0)
    throw new Error('the imported lines enrol no resident in chronic care: import more lines');
  let n = 0;
  return () => {
    const i = n++;
    const e = usable[i % usable.length];
    // The seed names residents `<centre>-<number>` and registers doctors in their centre.
    const doctors = doctorsByUnit.get(e.residentId.replace(/-\d+$/, '')) ?? anyDoctor;
    const commandId = `bench-${runId}-${i}`;
    return JSON.stringify({
      type: 'RecordFollowUp',
      commandId,
      occurredAt: dayOf(i),
      residentId: e.residentId,
      recordId: commandId,
      doctorId: doctors[i % doctors.length],
      condition: e.condition,
      mode: 'face_to_face_clinic',
      systolic: 120 + (i % 30),
      diastolic: 70 + (i % 20),
      ...(e.condition === 'diabetes' ? { fastingGlucose: 6 + (i % 30) / 10 } : {}),
      weightKg: 60 + (i % 25),
      referral: false,
    });
  };
}

const dayOf = (i: number): string => {
  const day = new Date(Date.parse(FIRST_DAY) + (i % DAYS) * 86_400_000);
  return day.toISOString().slice(0, 10);
};
