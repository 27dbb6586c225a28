// routing-infra's command line. Every command works without cloud credentials except
// `drift --project`, which reads the live registry.
import { InputError } from "../lib/problems";
import { CommandIO, processIO, reportInputError, UsageError } from "./io";
import { renderCommand, RENDER_USAGE } from "./commands/render";
import { previewCommand, PREVIEW_USAGE } from "./commands/preview";
import { driftCommand, DRIFT_USAGE } from "./commands/drift";
import { seedCommand, SEED_USAGE } from "./commands/seed";
import { diffCommand, DIFF_USAGE } from "./commands/diff";

type Command = { run: (argv: string[], io: CommandIO) => Promise<number>; usage: string; summary: string; inputErrorExit: number };

const COMMANDS: Record<string, Command> = {
  preview: { run: previewCommand, usage: PREVIEW_USAGE, summary: "the policy gate: run the program under mocks and judge it with the pack", inputErrorExit: 2 },
  diff: { run: diffCommand, usage: DIFF_USAGE, summary: "route-level changes between two git revisions (for pull requests)", inputErrorExit: 2 },
  drift: { run: driftCommand, usage: DRIFT_USAGE, summary: "compare the live registry (or an emulator) with the route files", inputErrorExit: 2 },
  seed: { run: seedCommand, usage: SEED_USAGE, summary: "write a stack's route documents into a Firestore emulator", inputErrorExit: 1 },
  render: { run: renderCommand, usage: RENDER_USAGE, summary: "print a stack's route documents (no cloud access)", inputErrorExit: 1 },
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}\n           ${c.usage}`);
  return `usage: routing-infra <command> [options]\n\ncommands:\n${lines.join("\n")}`;
}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`routing-infra: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`${command.summary}\nusage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof InputError) {
      reportInputError(io, error);
      return command.inputErrorExit;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`routing-infra ${name}: ${(error as Error).message}\nusage: ${command.usage}`);
      return 2;
    }
    io.err(`routing-infra ${name}: internal error: ${(error as Error)?.message ?? String(error)}` + (process.env.ROUTING_INFRA_DEBUG ? `\n${(error as Error)?.stack}` : "\n(set ROUTING_INFRA_DEBUG=1 to print the stack trace)"));
    return 3;
  }
}
