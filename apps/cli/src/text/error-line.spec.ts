import { ForbiddenError, UnauthenticatedError } from '@libs/access';
import { SheetError } from '@libs/commands/sheets';
import { DomainRuleError } from '@libs/ledger';
import { CommandValidationError } from '@libs/records';
import { errorLine } from './error-line';

describe('a library error as the CLI prints it', () => {
  const rule = new DomainRuleError(
    'NOT_ENROLLED',
    '居民未纳入糖尿病管理',
    'not enrolled for diabetes',
  );

  it('in English: the message as before, whatever the error carries', () => {
    expect(errorLine(rule, 'en')).toBe(rule.message);
    expect(errorLine(new Error('disk full'), 'en')).toBe('disk full');
  });

  it('in Chinese: the Chinese first, the English after it', () => {
    expect(errorLine(rule, 'zh')).toBe(
      'NOT_ENROLLED: 居民未纳入糖尿病管理 / not enrolled for diabetes',
    );
    expect(errorLine(new UnauthenticatedError('bad key', '密钥无效'), 'zh')).toBe(
      '密钥无效 / bad key',
    );
    expect(errorLine(new ForbiddenError('role', 'lacks permission x', '无权限 x', {}), 'zh')).toBe(
      '无权限 x / lacks permission x',
    );
    expect(errorLine(new SheetError('NOT_XLSX', 'not a workbook', '不是工作簿'), 'zh')).toBe(
      '不是工作簿 / not a workbook',
    );
    const invalid = new CommandValidationError([
      { field: 'mode', constraint: 'isDefined', en: 'mode is required', zh: '随访方式 mode：必填' },
    ]);
    expect(errorLine(invalid, 'zh')).toBe(`命令无效：随访方式 mode：必填 / ${invalid.message}`);
  });

  it('keeps an error with no Chinese as it is', () => {
    expect(errorLine(new Error('cannot read x: no such file'), 'zh')).toBe(
      'cannot read x: no such file',
    );
  });
});
