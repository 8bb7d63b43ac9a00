/** Where the contact form's log lines go. Callers pass only references, counts, paths and error codes. */
export interface Log {
  info(line: string): void;
  warn(line: string): void;
}

export const consoleLog: Log = {
  info: (line) => {
    console.log(`[contact] ${line}`);
  },
  warn: (line) => {
    console.warn(`[contact] ${line}`);
  },
};
