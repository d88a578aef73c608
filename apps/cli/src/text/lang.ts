import { InvalidArgumentError } from 'commander';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * The language of the CLI's words: Chinese unless `--lang en`. The users are the programme's
 * supervisors, auditors and finance staff; English is for the engineers beside them. Read from
 * the arguments before the commands are built, because their help texts are chosen then.
 */
export function langFromArgv(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i] === '--lang' ? argv[i + 1] : argv[i].match(/^--lang=(.*)$/)?.[1];
    if (value !== undefined)
      return (LANGS as readonly string[]).includes(value) ? (value as Lang) : 'zh';
  }
  return 'zh';
}

let current: Lang = 'zh';

/** Set once by main before the commands are built. */
export function useLang(lang: Lang): void {
  current = lang;
}

export const lang = (): Lang => current;

/** The `--lang` option's parser: a bad value is refused in both languages. */
export function langArg(value: string): Lang {
  if ((LANGS as readonly string[]).includes(value)) return value as Lang;
  throw new InvalidArgumentError('须为 zh 或 en / must be zh or en');
}

/**
 * A command's words in both languages, the same keys in each (the compiler checks it), picked
 * in the language of the run: one table per command keeps the two texts side by side.
 */
export function messages<T>(table: { zh: T; en: NoInfer<T> }): T {
  return table[current];
}
