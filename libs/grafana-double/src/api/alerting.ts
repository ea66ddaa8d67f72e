import type { Router } from '../http.js';

export function registerAlertingRoutes(_router: Router): void {}
