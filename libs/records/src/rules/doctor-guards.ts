import type { FactLookup, Facts } from '../commands/facts';
import { membershipOn } from '../streams/doctor-events';
import { unitOn } from '../streams/org-unit-events';
import { chinaDay } from './dates';
import { refuse } from './rule-error';

/** A service counts only if its doctor belonged to an open unit on the day it happened. */
export function assertDoctorServes(facts: Facts, doctorId: string, occurredAt: string): void {
  const day = chinaDay(occurredAt);
  const doctor = facts.doctor;
  if (!doctor?.registered) {
    refuse(
      'DOCTOR_NOT_FOUND',
      'unprocessable',
      `医生 ${doctorId} 未登记`,
      `doctor ${doctorId} is not registered`,
      { doctorId },
    );
    return;
  }
  const membership = membershipOn(doctor, day);
  if (!membership || !facts.doctorUnit || !unitOn(facts.doctorUnit, day)) {
    refuse(
      'DOCTOR_NOT_IN_UNIT_ON_DATE',
      'unprocessable',
      `医生 ${doctorId} 在 ${day} 不属于任何在岗机构`,
      `doctor ${doctorId} did not belong to an open unit on ${day}`,
      {
        doctorId,
        day,
      },
    );
  }
}

/** Loads the doctor and the unit they belonged to on the day, for assertDoctorServes. */
export async function doctorFacts(
  lookup: FactLookup,
  doctorId: string,
  occurredAt: string,
): Promise<Facts> {
  const doctor = await lookup.doctor(doctorId);
  const membership = membershipOn(doctor, chinaDay(occurredAt));
  return { doctor, doctorUnit: membership ? await lookup.unit(membership.unitId) : undefined };
}
