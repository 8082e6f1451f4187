import { parseArgs } from 'node:util';
import { ProbeLensError } from '../core/errors';
import { UsageError, type CliIo, type Command, type ParsedArgs } from './command';
import { COMMANDS } from './commands';
import { checkGlobalOptions, GLOBAL_HELP, GLOBAL_OPTIONS } from './global-options';
import { printableIo } from './printable';

export const EXIT = { ok: 0, error: 1, usage: 2, cancelled: 130 } as const;

function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return [
    'Usage: probe-lens <command> [options]',
    '',
    'Commands:',
    list,
    '',
    GLOBAL_HELP,
    '',
    "Run probe-lens <command> --help for a command's options.",
    '',
  ].join('\n');
}

function parse(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs one command line and returns the process exit code; never throws. */
export async function runCli(argv: string[], terminal: CliIo): Promise<number> {
  // Texts, file contents and paths reach messages: none may carry a control character to the terminal.
  const io = printableIo(terminal);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await io.write(generalHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    const args = parse(command, rest);
    if (args.values.help) {
      await io.write(`${command.help}\n\n${GLOBAL_HELP}\n`);
      return EXIT.ok;
    }
    checkGlobalOptions(args, io);
    await command.run(args, io);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.note(`${error.message}\nRun probe-lens ${command ? `${command.name} ` : ''}--help for usage.`);
      return EXIT.usage;
    }
    if (error instanceof ProbeLensError) {
      io.note(error.message);
      return error.code === 'cancelled' ? EXIT.cancelled : EXIT.error;
    }
    // A bug, not a user mistake: keep the stack for the report.
    io.note(`Unexpected error (please report it): ${(error as Error)?.stack ?? String(error)}`);
    return EXIT.error;
  }
}
