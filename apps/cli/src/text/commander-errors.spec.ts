import { commanderErrorInChinese } from './commander-errors';

describe("commander's usage errors in Chinese", () => {
  it.each([
    ["error: unknown option '--fsat'\n", "错误：未知选项 '--fsat'\n"],
    [
      "error: unknown option '--jsno'\n(Did you mean --json?)\n",
      "错误：未知选项 '--jsno'\n（是否想用 --json？）\n",
    ],
    ["error: unknown command 'improt'", "错误：未知命令 'improt'"],
    ["error: missing required argument 'file'", "错误：缺少必填参数 'file'"],
    ["error: option '--out <file>' argument missing", "错误：选项 '--out <file>' 缺少取值"],
    [
      "error: required option '--type <CommandType>' not specified",
      "错误：必填选项 '--type <CommandType>' 未给出",
    ],
    [
      "error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are xlsx, csv.",
      "错误：选项 '--format <format>' 的取值 'pdf' 无效，可选值：xlsx、csv",
    ],
    [
      "error: option '--role <role>' argument 'nurse' is invalid. must be one of recorder, admin / 须为其中之一",
      "错误：选项 '--role <role>' 的取值 'nurse' 无效：must be one of recorder, admin / 须为其中之一",
    ],
    [
      "error: too many arguments for 'import'. Expected 1 argument but got 2.",
      "错误：'import' 的参数过多：应为 1 个，实际 2 个",
    ],
  ])('%s', (english, chinese) => {
    expect(commanderErrorInChinese(english)).toBe(chinese);
  });

  it('leaves a line it does not know as it came', () => {
    expect(commanderErrorInChinese('(run with --help for usage)')).toBe(
      '(run with --help for usage)',
    );
  });
});
