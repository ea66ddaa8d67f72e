/** An error meant for the user: its message is one line naming environment, kind, uid and cause. */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'PublishError';
  }
}

/** Where a request went, for error lines: `local folder o11y`. */
export interface ErrorContext {
  readonly environment?: string;
  readonly kind?: string;
  readonly uid?: string;
}

export function contextPrefix(ctx: ErrorContext): string {
  return [ctx.environment, ctx.kind, ctx.uid].filter(Boolean).join(' ');
}
