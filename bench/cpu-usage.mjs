// Preloaded into a benchmarked process (node --import): writes its own CPU time when it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.O11Y_BENCH_CPU_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.cpuUsage())));
