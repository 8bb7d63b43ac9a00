/**
 * The legal team's CLI (`npm run policy -- <command>`): parse the command line, run the command,
 * turn the outcome into an exit code — 0 done, 1 refused, 2 wrong usage.
 */
import { parseArgs } from 'node:util';
import { ContentError } from '../content/errors.ts';
import { checkCommand, formatProblems } from './check.ts';
import { checkFormats, type CheckFormat } from './check-format.ts';
import { namedFile, Refusal, UsageError, type CliContext } from './context.ts';
import { diffCommand } from './diff.ts';
import { historyCommand } from './history.ts';
import { newCommand } from './new.ts';
import { publishCommand } from './publish.ts';
import { signCommand } from './sign.ts';
import { commandHelp, commands, mainHelp, type CommandName } from './usage.ts';
import { verifyCommand } from './verify.ts';

export const exitCodes = { done: 0, refused: 1, usage: 2 } as const;

/** How many positional arguments each command takes (after its name). */
const arity: Record<CommandName, readonly number[]> = {
  new: [1],
  diff: [1, 3],
  check: [0],
  publish: [1, 2],
  history: [1],
  sign: [0],
  verify: [1],
};

interface Parsed {
  positionals: string[];
  help: boolean;
  date: string | undefined;
  tag: boolean;
  base: string | undefined;
  format: string | undefined;
  summary: string | undefined;
  keys: string | undefined;
  tsaCa: string | undefined;
}

function parse(argv: readonly string[]): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        date: { type: 'string' },
        tag: { type: 'boolean' },
        base: { type: 'string' },
        format: { type: 'string' },
        summary: { type: 'string' },
        keys: { type: 'string' },
        'tsa-ca': { type: 'string' },
      },
    });
    return {
      positionals,
      help: values.help ?? false,
      date: values.date,
      tag: values.tag ?? false,
      base: values.base,
      format: values.format,
      summary: values.summary,
      keys: values.keys,
      tsaCa: values['tsa-ca'],
    };
  } catch (error) {
    throw new UsageError((error as Error).message.split('. ')[0] ?? 'Wrong arguments');
  }
}

/** Which commands take which options (beyond --help). */
const optionCommands: Record<
  'date' | 'tag' | 'base' | 'format' | 'summary' | 'keys' | 'tsaCa',
  readonly CommandName[]
> = {
  date: ['new'],
  tag: ['publish'],
  base: ['check', 'publish', 'history'],
  format: ['check'],
  summary: ['check'],
  keys: ['verify'],
  tsaCa: ['verify'],
};

function checkOptions(command: CommandName, parsed: Parsed): void {
  for (const [option, allowed] of Object.entries(optionCommands)) {
    const value = parsed[option as keyof typeof optionCommands];
    if (value === undefined || value === false || allowed.includes(command)) continue;
    const names = allowed.map((name) => `\`${name}\``).join(', ');
    throw new UsageError(`--${option === 'tsaCa' ? 'tsa-ca' : option} is an option of ${names} only.`);
  }
  if (parsed.format !== undefined && !checkFormats.includes(parsed.format as CheckFormat)) {
    throw new UsageError(`--format ${parsed.format} is not a format. Formats: ${checkFormats.join(', ')}.`);
  }
  if (parsed.base === '') throw new UsageError('--base needs a branch, e.g. --base origin/main.');
}

async function run(argv: readonly string[], givenContext: CliContext): Promise<number> {
  const parsed = parse(argv);
  const { positionals, help, date, tag, base } = parsed;
  const context: CliContext =
    base === undefined ? givenContext : { ...givenContext, git: { ...givenContext.git, base } };
  const [name, ...args] = positionals;
  if (!name) {
    if (help) {
      context.stdout.write(mainHelp(context.policies));
      return exitCodes.done;
    }
    context.stderr.write(mainHelp(context.policies));
    return exitCodes.usage;
  }
  const command = commands.find((c) => c === name);
  if (!command) throw new UsageError(`"${name}" is not a command. Commands: ${commands.join(', ')}.`);
  if (help) {
    context.stdout.write(commandHelp(command));
    return exitCodes.done;
  }
  checkOptions(command, parsed);
  if (!arity[command].includes(args.length)) {
    throw new UsageError(
      `Wrong number of arguments. Usage: npm run policy -- ${commandHelp(command).split('\n')[0]?.replace('Usage: npm run policy -- ', '') ?? command}`,
    );
  }
  switch (command) {
    case 'new':
      return newCommand(context, args[0], date);
    case 'diff':
      return diffCommand(context, args[0], args[1], args[2]);
    case 'check':
      return checkCommand(context, { format: (parsed.format ?? 'text') as CheckFormat, summary: parsed.summary });
    case 'publish':
      return publishCommand(context, args[0], args[1], tag);
    case 'history':
      return historyCommand(context, args[0]);
    case 'sign':
      return signCommand(context);
    case 'verify':
      return verifyCommand(context, args[0], {
        keys: parsed.keys === undefined ? undefined : namedFile(context, parsed.keys),
        tsaCa: parsed.tsaCa === undefined ? undefined : namedFile(context, parsed.tsaCa),
      });
  }
}

/** Run the CLI with `argv` (the arguments after the script name). Resolves to the exit code. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  try {
    return await run(argv, context);
  } catch (error) {
    if (error instanceof UsageError) {
      const command = commands.find((c) => argv.includes(c));
      context.stderr.write(
        `error: ${error.message}\nSee \`npm run policy -- ${command ? `${command} ` : ''}--help\`.\n`,
      );
      return exitCodes.usage;
    }
    if (error instanceof Refusal) {
      context.stderr.write(
        `${error.message}\n${error.problems.length ? `\n${formatProblems(error.problems, 'error')}` : ''}`,
      );
      return exitCodes.refused;
    }
    if (error instanceof ContentError) {
      context.stderr.write(formatProblems(error.problems, 'error'));
      return exitCodes.refused;
    }
    throw error;
  }
}
