/** Minimal `--flag value` / `--switch` parser for the CLI subcommands. */
export interface ParsedArgs {
  positional: string[];
  /** the last value of each flag */
  flags: Map<string, string | true>;
  /** every value of each repeated flag, in order */
  lists: Map<string, string[]>;
}

export function parseArgs(argv: string[], switches: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const set = (name: string, v: string) => {
    flags.set(name, v);
    lists.set(name, [...(lists.get(name) ?? []), v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) set(name, a.slice(eq + 1));
    else if (switches.includes(name)) flags.set(name, true);
    else {
      const v = argv[++i];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      set(name, v);
    }
  }
  return { positional, flags, lists };
}

export function required(args: ParsedArgs, name: string): string {
  const v = args.flags.get(name);
  if (typeof v !== 'string') throw new Error(`--${name} is required`);
  return v;
}
