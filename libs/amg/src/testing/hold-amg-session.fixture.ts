/** Test fixture: opens an AMG session like a publish run would, announces it, then waits to be interrupted. */
import { openAmgSession } from '../amg-session.js';

const session = await openAmgSession({
  workspaceId: process.env['AMG_WORKSPACE_ID']!,
  region: process.env['AWS_REGION']!,
  endpoint: process.env['O11Y_AMG_ENDPOINT'],
  runLabel: 'sigint',
  log: (line) => console.error(line),
});
console.log(`session open ${session.tokenName}`);
setInterval(() => {}, 1000);
