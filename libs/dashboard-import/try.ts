import { readFileSync } from 'node:fs';
import { importDashboard, formatImportReport } from './src/index.js';
const r = await importDashboard(JSON.parse(readFileSync(process.argv[2]!, 'utf8')), { name: 'try' });
console.log(formatImportReport(r.report).join('\n'));
if (process.argv[3]) console.log(r.files.get('src/dashboard.ts'), r.files.get('src/panels.ts'));
