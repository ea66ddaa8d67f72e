#!/usr/bin/env node
// Test stand-in of the AMG control plane; runs the TypeScript entry through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/testing/control-plane-standin-main.ts');
