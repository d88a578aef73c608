import { IsOptional } from 'class-validator';
import { action, type Decision } from '../commands/action';
import { CommandRequest } from '../commands/command-request';
import { IsId } from '../commands/id.decorator';
import { ageOn, chinaDay } from '../rules/dates';
import type { ResidentEvent } from '../streams/resident-events';
import type { ResidentState } from '../streams/resident-state';
import { streamIds } from '../streams/stream-ids';
import { assertDoctorServes, doctorFacts } from '../rules/doctor-guards';
import { newRecordId } from '../rules/record-id';
import { assertServiceAllowed } from '../rules/resident-guards';
import { refuse } from '../rules/rule-error';
import { residentStream, residentUnit } from '../register-resident/resident-stream';

/** The certificate is for children 0–6 (national specification: 0~6岁儿童建立预防接种证). */
export const CERTIFICATE_BELOW_AGE = 7;

export class IssueVaccinationCertificateRequest extends CommandRequest {
  @IsId() residentId!: string;
  /** The certificate's id; default the commandId. */
  @IsOptional() @IsId() recordId?: string;
  /** The doctor who issued it; none for a certificate issued before the ledger or elsewhere. */
  @IsOptional() @IsId() doctorId?: string;
}

/** A child's vaccination certificate (预防接种证), one per child, issued before age 7. */
export function decideIssueVaccinationCertificate(
  c: Decision<IssueVaccinationCertificateRequest>,
  state: ResidentState,
): ResidentEvent[] {
  assertServiceAllowed(state, c.residentId, c.occurredAt, c.now);
  if (c.doctorId) assertDoctorServes(c.facts, c.doctorId, c.occurredAt);
  const day = chinaDay(c.occurredAt);
  const age = ageOn(state.birthDate, day);
  if (age >= CERTIFICATE_BELOW_AGE)
    refuse(
      'VACC_CERTIFICATE_NOT_A_CHILD',
      'unprocessable',
      `预防接种证为 0–6 岁儿童建立；居民 ${c.residentId} 在 ${day} 已满 ${age} 岁`,
      `a vaccination certificate is issued to children 0–6; resident ${c.residentId} was ${age} on ${day}`,
      { residentId: c.residentId, birthDate: state.birthDate, occurredAt: c.occurredAt },
    );
  const held = Object.values(state.records).find(
    (r) => r.recordType === 'vaccination_certificate' && !r.voided,
  );
  if (held)
    refuse(
      'VACC_CERTIFICATE_EXISTS',
      'conflict',
      `居民 ${c.residentId} 已于 ${chinaDay(held.occurredAt)} 建立预防接种证（${held.recordId}）`,
      `resident ${c.residentId} has held vaccination certificate ${held.recordId} since ${chinaDay(held.occurredAt)}`,
      { residentId: c.residentId, recordId: held.recordId },
    );
  const data = {
    residentId: c.residentId,
    recordId: newRecordId(state, c),
    doctorId: c.doctorId ?? null,
    occurredAt: c.occurredAt,
  };
  return [{ type: 'VaccinationCertificateIssued', data }];
}

export const issueVaccinationCertificate = action({
  type: 'IssueVaccinationCertificate',
  summary: {
    zh: '建立预防接种证',
    en: "Issue a child's vaccination certificate",
  },
  request: IssueVaccinationCertificateRequest,
  stream: (r) => streamIds.resident(r.residentId),
  decider: { ...residentStream, decide: decideIssueVaccinationCertificate },
  unitsTouched: residentUnit,
  facts: async (r, lookup) => (r.doctorId ? doctorFacts(lookup, r.doctorId, r.occurredAt) : {}),
});
