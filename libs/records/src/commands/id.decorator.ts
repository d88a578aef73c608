import { IsString, Matches, MaxLength } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from './command-request';

/** A pseudonymous or system identifier: never a name, ID-card or phone number. */
export function IsId(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MaxLength(100)(target, key);
    Matches(ID_PATTERN, { message: ID_MESSAGE })(target, key);
  };
}
