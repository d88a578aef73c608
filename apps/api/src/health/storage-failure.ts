import { StoreUnavailableError } from '@libs/ledger';
import type { ErrorBody } from '../commands/error-body';

export interface StorageFailure {
  statusCode: 503 | 507;
  /** Stable code for clients, e.g. STORE_FULL. */
  error: string;
  /** The store's own code, e.g. SQLITE_READONLY_DBMOVED: for operators, in /health. */
  storeCode: string;
  message: { zh: string; en: string };
  /** Seconds, for a Retry-After header: only where waiting helps (a lock held elsewhere). */
  retryAfter?: number;
}

// A command sent again with the same commandId is answered with its first result, so
// "resend it unchanged" is always safe advice, whether or not the failed write landed.
const RESEND_EN = 'resend the command unchanged (same commandId) once the store is fixed';
const RESEND_ZH = '修复后以相同 commandId 重新提交即可';

const failure = (
  statusCode: 503 | 507,
  error: string,
  storeCode: string,
  en: string,
  zh: string,
  retryAfter?: number,
): StorageFailure => ({
  statusCode,
  error,
  storeCode,
  message: { en: `${en}; ${RESEND_EN}`, zh: `${zh}；${RESEND_ZH}` },
  retryAfter,
});

/**
 * A failure of the store's medium rather than of the request: disk full, read-only file, I/O
 * error, a lock held by another process. The caller did nothing wrong, so it is no 4xx, and
 * it is no bug of ours, so no 500: 507 when the disk is full, 503 otherwise. SQLite rolls the
 * append's transaction back on every one of these, so nothing is half-written; an I/O error
 * during commit is the one case SQLite cannot promise the outcome, and the text says so.
 */
export function storageFailureOf(error: unknown): StorageFailure | undefined {
  if (error instanceof StoreUnavailableError)
    return failure(
      503,
      'STORE_UNAVAILABLE',
      error.storeCode,
      'the store did not answer (a node down, a leader being elected, the network): the command may or may not have been written',
      '账本存储未响应（节点故障、正在选举主节点或网络中断），本次命令可能已写入也可能未写入',
      1,
    );
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code === 'SQLITE_FULL')
    return failure(
      507,
      'STORE_FULL',
      code,
      "the store's disk is full: nothing was written",
      '存储空间已满，本次未写入任何内容',
    );
  if (code.startsWith('SQLITE_READONLY'))
    return failure(
      503,
      'STORE_READ_ONLY',
      code,
      'the store file is read-only (its permissions, disk or mount): nothing was written',
      '账本文件处于只读状态（文件权限、磁盘或挂载方式），本次未写入任何内容',
    );
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return failure(
      503,
      'STORE_BUSY',
      code,
      'the store is locked by another writer (e.g. a bulk import): nothing was written',
      '账本正被其他写入者锁定（如批量导入），本次未写入任何内容',
      1,
    );
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
    return failure(
      503,
      'STORE_IO_ERROR',
      code,
      "the store's disk reported an I/O error: the write may not have completed, run `ledger verify`",
      '账本所在磁盘报告读写错误，写入可能未完成，请运行 `ledger verify` 检查',
    );
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return failure(
      503,
      'STORE_CORRUPT',
      code,
      'the store file is damaged: nothing was written, run `ledger verify`',
      '账本文件已损坏，本次未写入任何内容，请运行 `ledger verify` 检查',
    );
  return undefined;
}

export function storageFailureBody(f: StorageFailure): ErrorBody {
  return {
    statusCode: f.statusCode,
    error: f.error,
    message: f.message,
    details: { storeCode: f.storeCode, retryable: true },
  };
}
