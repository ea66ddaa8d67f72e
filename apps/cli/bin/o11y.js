#!/usr/bin/env node
// Definitions are TypeScript, so the CLI runs its sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
