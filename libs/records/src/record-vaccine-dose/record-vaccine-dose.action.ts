import { IsIn, IsInt, IsOptional, IsString, Length } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { chinaDay } from '../rules/dates';
import {
  VACCINES,
  type Vaccine,
  doseKey,
  doseTimingFault,
  judgeDoses,
  scheduledDose,
} from '../rules/immunisation-schedule';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { DOSE_SITES, type DoseSite } from '../streams/vocabulary';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';
import { IsScheduledDose } from './scheduled-dose.decorator';

const TEXT = { message: '$property must be 1–100 characters / 须为 1–100 个字符' };

export class RecordVaccineDoseRequest extends CommandRequest {
  @IsId() residentId!: string;
  @IsOptional() @IsId() recordId?: string;
  /** The vaccine, by the schedule's abbreviation: HepB, BCG, IPV, bOPV, DTaP, DT, MMR … */
  @IsIn(VACCINES) vaccine!: Vaccine;
  /** The dose number as the schedule counts it (HepB 1–3, bOPV 3–4, MPSV-AC 3–4, DT 5). */
  @IsInt() @IsScheduledDose() dose!: number;
  /** The vaccinator; none for a dose copied from a certificate (then the record is incomplete). */
  @IsOptional() @IsId() doctorId?: string;
  /** Vaccine lot (批号); the national specification requires it on every dose record. */
  @IsOptional() @IsString() @Length(1, 100, TEXT) lotNumber?: string;
  /** Manufacturer (生产企业). */
  @IsOptional() @IsString() @Length(1, 100, TEXT) manufacturer?: string;
  /** Where it was given (接种部位): an arm, a thigh, or by mouth. */
  @IsOptional() @IsIn(DOSE_SITES) site?: DoseSite;
}

/**
 * A dose of the national schedule, in its order, once. A dose given younger than the table's age
 * or sooner than its interval after the previous dose is refused; a migrated one is kept as the
 * old system had it (history is not lost) and the indicators do not count it.
 */
export function decideRecordVaccineDose(
  c: Decision<RecordVaccineDoseRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  if (c.doctorId) assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const name = `${c.vaccine} ${c.dose}`;
  const row = scheduledDose(c.vaccine, c.dose);
  if (!row)
    return refuse(
      'VACC_UNKNOWN_DOSE',
      'unprocessable',
      `国家免疫规划无 ${name}`,
      `the national schedule has no ${name}`,
      { vaccine: c.vaccine, dose: c.dose },
    );
  const day = chinaDay(c.occurredAt);
  const doses = Object.values(state.records)
    .filter((r) => r.recordType === 'vaccine_dose' && !r.voided)
    .map((r) => ({
      vaccine: r.fields.vaccine as string,
      dose: r.fields.dose as number,
      day: chinaDay(r.occurredAt),
      recordId: r.recordId,
    }));
  const { validOn } = judgeDoses(state.birthDate, doses);
  const given = validOn.get(doseKey(c.vaccine, c.dose));
  if (given)
    refuse(
      'VACC_DOSE_ALREADY_GIVEN',
      'conflict',
      `${name} 已于 ${given} 接种`,
      `${name} was given on ${given}`,
      { vaccine: c.vaccine, dose: c.dose, givenOn: given },
    );
  if (row.after) {
    const previous = `${row.after.vaccine} ${row.after.dose}`;
    if (!doses.some((d) => d.vaccine === row.after!.vaccine && d.dose === row.after!.dose))
      refuse(
        'VACC_DOSE_OUT_OF_ORDER',
        'unprocessable',
        `${name} 之前须先记录 ${previous}`,
        `${previous} must be recorded before ${name}`,
        { vaccine: c.vaccine, dose: c.dose, previous: row.after },
      );
  }
  if (!c.migrated) {
    const previousDay = row.after
      ? (validOn.get(doseKey(row.after.vaccine, row.after.dose)) ?? null)
      : null;
    const fault = doseTimingFault(state.birthDate, previousDay, {
      vaccine: c.vaccine,
      dose: c.dose,
      day,
    });
    if (fault)
      refuse(fault.code, 'unprocessable', fault.zh, fault.en, {
        vaccine: c.vaccine,
        dose: c.dose,
        occurredAt: c.occurredAt,
        earliest: fault.earliest,
      });
  }
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    vaccine: c.vaccine,
    dose: c.dose,
    doctorId: c.doctorId ?? null,
    lotNumber: c.lotNumber ?? null,
    manufacturer: c.manufacturer ?? null,
    site: c.site ?? null,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'VaccineDoseRecorded', data }];
}

export const recordVaccineDose = action({
  type: 'RecordVaccineDose',
  summary: {
    zh: '记录国家免疫规划疫苗接种（疫苗、剂次、批号、生产企业、部位、接种者）',
    en: 'Record a dose of a national immunisation programme vaccine',
  },
  request: RecordVaccineDoseRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideRecordVaccineDose },
  unitsTouched: residentUnit,
  facts: async (r, lookup) => (r.doctorId ? doctorFacts(lookup, r.doctorId, r.occurredAt) : {}),
});
