import { reportCounts, reportedInTime, reportingLimitHours } from './infectious-disease';

const FOUND = '2024-06-03T01:30:00Z';
const caseOf = (diseaseClass: 'A' | 'B' | 'C', reportedAt: string | null, asA = false) => ({
  foundAt: FOUND,
  reportedAt,
  diseaseClass,
  managedAsClassA: asA,
});

describe('statutory reporting times', () => {
  it('class A and class B managed as A: 2 hours; class B and C: 24 hours', () => {
    expect(reportingLimitHours('A', false)).toBe(2);
    expect(reportingLimitHours('B', true)).toBe(2);
    expect(reportingLimitHours('B', false)).toBe(24);
    expect(reportingLimitHours('C', false)).toBe(24);
  });

  it('a class B case reported after 24 hours is late; at 24 hours it is in time', () => {
    expect(reportedInTime(caseOf('B', '2024-06-04T01:30:00Z'))).toBe(true);
    expect(reportedInTime(caseOf('B', '2024-06-04T01:31:00Z'))).toBe(false);
    expect(reportedInTime(caseOf('B', '2024-06-04T02:30:00Z'))).toBe(false);
  });

  it('a class A case reported at 2 h 1 min is late, at 2 h in time', () => {
    expect(reportedInTime(caseOf('A', '2024-06-03T03:30:00Z'))).toBe(true);
    expect(reportedInTime(caseOf('A', '2024-06-03T03:31:00Z'))).toBe(false);
    expect(reportedInTime(caseOf('B', '2024-06-03T03:31:00Z', true))).toBe(false);
  });

  it('an unreported case counts as no report', () => {
    expect(reportCounts(caseOf('C', null))).toBe(false);
    expect(reportedInTime(caseOf('C', null))).toBe(false);
  });

  it('a (migrated) report before the case was found counts as no report', () => {
    expect(reportCounts(caseOf('C', '2024-06-03T01:29:00Z'))).toBe(false);
    expect(reportedInTime(caseOf('C', '2024-06-03T01:29:00Z'))).toBe(false);
    expect(reportCounts(caseOf('C', FOUND))).toBe(true);
  });
});
