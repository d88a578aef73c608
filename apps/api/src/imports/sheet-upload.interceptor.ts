import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { MAPPING_LIMIT_BYTES, SHEET_LIMIT_BYTES } from './sheet-upload';
import { badForm, sheetTooLarge } from './sheet-refusals';

/** A part of a multipart upload as multer keeps it in memory. */
export interface UploadedPart {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export type UploadedParts = Partial<Record<'file' | 'mapping', UploadedPart[]>>;

const Multipart = FileFieldsInterceptor(
  [
    { name: 'file', maxCount: 1 },
    { name: 'mapping', maxCount: 1 },
  ],
  {
    // A file part's name as a browser sends it, in UTF-8 (随访.xlsx), not read as Latin-1.
    ...{ defParamCharset: 'utf8' },
    limits: {
      fileSize: SHEET_LIMIT_BYTES,
      fieldSize: MAPPING_LIMIT_BYTES,
      files: 2,
      fields: 4,
      parts: 6,
    },
  },
);

/**
 * Reads a multipart upload (parts "file" and "mapping") into memory, with its limits; a body
 * of any other type passes untouched. multer's refusals come out of Nest as an HttpException
 * with English only: they are said here again, in both languages, as the API's own 413/400.
 */
@Injectable()
export class SheetUploadInterceptor implements NestInterceptor {
  private readonly multipart = new Multipart();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      throw error.getStatus() === 413 ? sheetTooLarge() : badForm(error.message);
    }
  }
}
