// `node dist/emulator.js --upstream http://127.0.0.1:3001/mcp`: runs the emulator until Ctrl+C.
import { HELP, banner, logLine, parseCli } from './cli';
import { startEmulator } from './server';

async function main(): Promise<number> {
  let cfg;
  try {
    cfg = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`emulator: ${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (!cfg) { process.stdout.write(`${HELP}\n`); return 0; }
  const quiet = cfg.quiet;
  const emu = await startEmulator({
    ...cfg.options,
    onRequest: e => { if (!quiet) process.stderr.write(`${logLine(e)}\n`); },
  });
  const token = cfg.auth === 'jwt' || cfg.printToken ? emu.mintToken() : undefined;
  if (cfg.printToken) {
    process.stdout.write(`${token}\n`);
    process.stderr.write(`${banner(emu, cfg, token)}\n`);
  } else {
    process.stdout.write(`${banner(emu, cfg, token)}\n`);
  }
  await new Promise<void>(resolve => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emu.close();
  return 0;
}

main().then(code => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`emulator: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
