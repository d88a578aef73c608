/**
 * A read that needs every resident (a lineage page, a past as-of date, a sample) while the
 * model is still reading the log after a restart. Retryable: the figures saved before the
 * restart are served meanwhile, and /health shows how far the model has come.
 */
export class ModelWarmingError extends Error {
  readonly code = 'MODEL_WARMING_UP';
  readonly retryAfterSeconds = 5;
  constructor(
    readonly position: number,
    readonly head: number,
  ) {
    super(`the resident model is still reading the log (${position} of ${head} events)`);
  }

  body() {
    return {
      statusCode: 503,
      error: this.code,
      message: {
        zh: `系统重启后正在重新读取事件日志（已读 ${this.position} / ${this.head} 条），此查询需等读取完成后再试；期间可查看保存的指标`,
        en: `after a restart the ledger is reading its event log again (${this.position} of ${this.head} events); retry this read when it is done — the saved figures are served meanwhile`,
      },
      details: { position: this.position, head: this.head },
    };
  }
}
