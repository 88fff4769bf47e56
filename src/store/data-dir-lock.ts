// An embedded (PGlite) data directory is opened by one process at a time: two processes writing the same files
// would corrupt them. The lock is a file beside the directory holding the owner's process id, created
// exclusively; a lock whose process has died (a crash, a SIGKILL) is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DataDirectoryLockedError extends Error {
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `the database directory ${dataDir} is in use by process ${pid}; stop that process, or set DATABASE_URL ` +
        "to a PostgreSQL server so that several processes can share the data",
    );
    this.name = "DataDirectoryLockedError";
    this.pid = pid;
  }
}

export interface DataDirectoryLock {
  readonly file: string;
  release(): void;
}

export function lockDataDirectory(dataDir: string): DataDirectoryLock {
  const file = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        file,
        release: () => {
          if (ownerOf(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = ownerOf(file);
      if (owner !== undefined && owner !== process.pid && isAlive(owner))
        throw new DataDirectoryLockedError(dataDir, owner);
      if (owner === process.pid) throw new DataDirectoryLockedError(dataDir, owner);
      // A stale lock (its process is gone, or the file was left half-written): take it over once.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}: its lock file ${file} keeps reappearing`);
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
