export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export function createConsoleLogger(scope: string, sink: Pick<Console, 'log' | 'warn' | 'error'> = console): Logger {
  const prefix = `[${scope}]`;
  return {
    info: (message, ...details) => sink.log(prefix, message, ...details),
    warn: (message, ...details) => sink.warn(prefix, message, ...details),
    error: (message, ...details) => sink.error(prefix, message, ...details),
  };
}
