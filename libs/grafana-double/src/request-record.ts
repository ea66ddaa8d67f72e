/** One request as the stand-in saw it (GET /__double/requests; nothing like it exists on a real Grafana). */
export interface DoubleRequest {
  method: string;
  path: string;
  status: number;
  wrote: boolean;
  /** '429' | '502' | '503' | 'reset' | 'after-commit' when --faults injected one. */
  fault?: string;
}
