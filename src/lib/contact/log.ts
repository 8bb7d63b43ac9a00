/** Where the contact form's log lines go. Callers pass only references, counts, paths and error codes. */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
}

/** Log lines on the console, each starting with `[prefix]`. */
export function prefixedLog(prefix: string): Log {
  return {
    info: (line) => {
      console.log(`[${prefix}] ${line}`);
    },
    warn: (line) => {
      console.warn(`[${prefix}] ${line}`);
    },
  };
}

export const consoleLog: Log = prefixedLog('contact');
