import { ValidateBy } from 'class-validator';
import { VACCINES, dosesOf, scheduledDose } from '../rules/immunisation-schedule';

/**
 * The dose number is one the schedule gives the request's vaccine (HepB 1–3, bOPV 3–4, DT 5):
 * an unknown vaccine-dose pair is a bad request, with the numbers allowed in both languages.
 * An unknown vaccine is left to the vaccine field's own check.
 */
export function IsScheduledDose(): PropertyDecorator {
  const vaccineOf = (object: object): string => String((object as { vaccine?: unknown }).vaccine);
  return ValidateBy({
    name: 'isScheduledDose',
    validator: {
      validate: (value, args) => {
        const vaccine = vaccineOf(args!.object);
        if (!(VACCINES as readonly string[]).includes(vaccine)) return true;
        return typeof value === 'number' && !!scheduledDose(vaccine, value);
      },
      defaultMessage: (args) => {
        const vaccine = vaccineOf(args!.object);
        const doses = dosesOf(vaccine);
        return `$property must be ${doses.join(' or ')} for ${vaccine} (national schedule) / 国家免疫规划中 ${vaccine} 的剂次为 ${doses.join('、')}`;
      },
    },
  });
}
