// Why a line was refused is said the same way by the CLI's import and the HTTP upload.
export { lineTooLong, malformedJson, rejectReasonFor } from '@libs/commands/sheets';
