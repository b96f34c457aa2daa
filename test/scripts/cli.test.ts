// The CLI loads only the invoked command's module: each entry of the table must register the command it is named for.

import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, commandsFor } from '../../scripts/cli.ts';

describe('the command table', () => {
  it('each module registers exactly the command it is listed under', async () => {
    for (const [name, load] of Object.entries(COMMAND_MODULES)) {
      const program = new Command('harness');
      (await load()).register(program);
      expect(
        program.commands.map((c) => c.name()),
        name,
      ).toEqual([name]);
    }
  });

  it('loads the named command alone, and every command for help or an unknown word', () => {
    expect(commandsFor(['run', 'smoke', '--scale', '0.1'])).toEqual(['run']);
    expect(commandsFor(['gate', '--run', 'x'])).toEqual(['gate']);
    const all = Object.keys(COMMAND_MODULES);
    expect(commandsFor([])).toEqual(all);
    expect(commandsFor(['--help'])).toEqual(all);
    expect(commandsFor(['help', 'run'])).toEqual(all);
    expect(commandsFor(['rnu'])).toEqual(all);
    expect(commandsFor(['constructor'])).toEqual(all);
  });
});
