/** `npm run alerts -- send | list | export ADDRESS | delete ADDRESS`: see src/lib/alerts/cli.ts. */
import { runAlertsCli } from '../src/lib/alerts/cli.ts';

process.exitCode = await runAlertsCli(process.argv.slice(2), {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
