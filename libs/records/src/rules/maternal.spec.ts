import { postpartumFault, refusedAtTheDoor } from './maternal';

describe('postpartumFault', () => {
  // Delivered 1 May 2024, home from hospital 4 May.
  const visit = (day: string) => postpartumFault('2024-05-01', day, 'visit', '2024-05-04');
  const check = (day: string) => postpartumFault('2024-05-01', day, 'check_42');

  it('a visit counts from the discharge to 28 days after it', () => {
    expect(visit('2024-05-04')).toBeNull();
    expect(visit('2024-06-01')).toBeNull();
  });
  it('near miss: day 29 after the discharge is late', () => {
    expect(visit('2024-06-02')).toBe('late');
  });
  it('a visit before the delivery or in hospital is an impossible sequence', () => {
    expect(visit('2024-04-30')).toBe('before_delivery');
    expect(visit('2024-05-03')).toBe('before_discharge');
    expect(refusedAtTheDoor('before_delivery')).toBe(true);
    expect(refusedAtTheDoor('late')).toBe(false);
  });
  it('the 42-day check counts from day 42 to day 56', () => {
    expect(check('2024-06-11')).toBe('too_early');
    expect(check('2024-06-12')).toBeNull();
    expect(check('2024-06-26')).toBeNull();
    expect(check('2024-06-27')).toBe('late');
    expect(check('2024-04-30')).toBe('before_delivery');
  });
});
