import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ledger:public';
/** Routes anyone may call: health, the OpenAPI page, the dashboard shell. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
