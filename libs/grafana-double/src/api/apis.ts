import type { Router } from '../http.js';

export function registerApisRoutes(_router: Router, _apiVersion: 'v1beta1' | 'v1'): void {}
