// Creates a named pipe (FIFO) with the system's mkfifo, for tests that check it is never read.
import { execFileSync } from 'node:child_process';

export function mkfifoSync(path: string): void {
    execFileSync('mkfifo', [path]);
}
