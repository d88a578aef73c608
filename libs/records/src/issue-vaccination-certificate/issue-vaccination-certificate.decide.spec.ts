import { recordVoided, registered, servingDoctor, specFor } from '../testing/fixtures';
import type { ResidentEvent } from '../streams/resident-events';
import { issueVaccinationCertificate } from './issue-vaccination-certificate.action';

const given = specFor(issueVaccinationCertificate, servingDoctor());
const issue = (over: Record<string, unknown> = {}) => ({
  type: 'IssueVaccinationCertificate',
  residentId: 'r1',
  recordId: 'vc-1',
  doctorId: 'd1',
  occurredAt: '2024-03-01',
  ...over,
});
const issued = (over: Record<string, unknown> = {}): ResidentEvent =>
  ({
    type: 'VaccinationCertificateIssued',
    data: { residentId: 'r1', recordId: 'vc-1', doctorId: 'd1', occurredAt: '2024-03-01', ...over },
  }) as ResidentEvent;

describe('IssueVaccinationCertificate', () => {
  it('issues a newborn its certificate', () => {
    given([registered('2024-02-10')])
      .when(issue())
      .then([issued()]);
  });

  it('refuses a second certificate (VACC_CERTIFICATE_EXISTS)', () => {
    given([registered('2024-02-10'), issued()])
      .when(issue({ recordId: 'vc-2', occurredAt: '2024-04-01' }))
      .thenThrows('VACC_CERTIFICATE_EXISTS');
  });

  it('near miss: a voided certificate may be issued again', () => {
    given([registered('2024-02-10'), issued(), recordVoided('vc-1', 'vaccination_certificate')])
      .when(issue({ recordId: 'vc-2', occurredAt: '2024-04-01' }))
      .then([issued({ recordId: 'vc-2', occurredAt: '2024-04-01' })]);
  });

  describe('children 0–6', () => {
    it('refuses a child on their seventh birthday (VACC_CERTIFICATE_NOT_A_CHILD)', () => {
      given([registered('2017-03-01')])
        .when(issue())
        .thenThrows('VACC_CERTIFICATE_NOT_A_CHILD');
    });
    it('near miss: issues it the day before', () => {
      given([registered('2017-03-02')])
        .when(issue())
        .then([issued()]);
    });
  });

  it('a certificate from before the ledger names no doctor', () => {
    given([registered('2019-05-01')])
      .when(issue({ doctorId: undefined, occurredAt: '2019-06-01' }), {
        doctor: undefined,
        doctorUnit: undefined,
      })
      .then([issued({ doctorId: null, occurredAt: '2019-06-01' })]);
  });

  it('refuses a certificate dated before the birth', () => {
    given([registered('2024-02-10')])
      .when(issue({ occurredAt: '2024-02-09' }))
      .thenThrows('OCCURRED_BEFORE_BIRTH');
  });
});
