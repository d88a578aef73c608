/**
 * Commander's own usage errors (an unknown option, a missing argument, a value not in the
 * list) in Chinese, with the same facts: the flag, the value, the choices. Commander writes
 * them in English only; the CLI's users read Chinese by default. Matched on commander's
 * wording, line by line; a line no pattern knows is left as it came rather than lost.
 */
const PATTERNS: [RegExp, (...parts: string[]) => string][] = [
  [/^error: unknown option '(.+)'$/, (flag) => `错误：未知选项 '${flag}'`],
  [/^error: unknown command '(.+)'$/, (name) => `错误：未知命令 '${name}'`],
  [/^error: missing required argument '(.+)'$/, (name) => `错误：缺少必填参数 '${name}'`],
  [/^error: option '(.+)' argument missing$/, (flags) => `错误：选项 '${flags}' 缺少取值`],
  [/^error: required option '(.+)' not specified$/, (flags) => `错误：必填选项 '${flags}' 未给出`],
  [
    /^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/,
    (flags, value, choices) =>
      `错误：选项 '${flags}' 的取值 '${value}' 无效，可选值：${choices.split(', ').join('、')}`,
  ],
  [
    /^error: option '(.+)' argument '(.*)' is invalid\.(?: (.*))?$/,
    (flags, value, why) => `错误：选项 '${flags}' 的取值 '${value}' 无效${why ? `：${why}` : ''}`,
  ],
  [
    /^error: command-argument value '(.*)' is invalid for argument '(.+)'\.(?: (.*))?$/,
    (value, name, why) => `错误：参数 '${name}' 的取值 '${value}' 无效${why ? `：${why}` : ''}`,
  ],
  [
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (command, expected, got) =>
      `错误：${command ? `'${command}' 的` : ''}参数过多：应为 ${expected} 个，实际 ${got} 个`,
  ],
  [/^error: (.+) cannot be used with (.+)$/, (a, b) => `错误：${a} 不能与 ${b} 同时使用`],
  [/^\(Did you mean one of (.+)\?\)$/, (list) => `（是否想用其中之一：${list}？）`],
  [/^\(Did you mean (.+)\?\)$/, (one) => `（是否想用 ${one}？）`],
];

export function commanderErrorInChinese(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const [pattern, say] of PATTERNS) {
        const match = pattern.exec(line);
        if (match) return say(...match.slice(1).map((part) => part ?? ''));
      }
      return line;
    })
    .join('\n');
}
