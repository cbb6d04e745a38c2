/**
 * CPU time spent by a benchmarked server and by the PostgreSQL backends that
 * serve it, read from /proc (Linux; PostgreSQL on the same machine, as the
 * benchmark runs it: loopback or embedded).
 *
 * Why /proc and not pg_stat_statements: pg_stat_statements needs
 * `shared_preload_libraries` and a restart of a server others share, and it
 * reports execution time (wall clock, waits included), not CPU. A backend's
 * utime + stime in /proc/<pid>/stat is the CPU it used, whatever it did
 * (parse, plan, execute, send), and is little disturbed by other load on the
 * machine. Each server connects with its own `application_name`, so its
 * backends are the rows of pg_stat_activity with that name.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import type { Client } from "pg";

/** Clock ticks per second of /proc's CPU times (USER_HZ; 100 on Linux/x86). */
const TICKS_PER_SECOND = Number(execSync("getconf CLK_TCK").toString().trim());

/** utime + stime of a process in ticks; null once it has exited. */
function processTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm)": state is the 1st, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** `pid` and all its descendants (a server started with WORKERS=2 is a primary and its workers). */
function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while listed
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]) ?? []));
  return tree;
}

/** CPU ticks per process at one moment. */
export type CpuSample = Map<number, number>;

export function sampleProcessTree(pid: number): CpuSample {
  return sample(processTree(pid));
}

/**
 * `url` with its connections named `applicationName`: pg reads the connection
 * string over a client's own settings, so this overrides the server's own name
 * and tells a measured server's backends apart from everyone else's.
 */
export function withApplicationName(url: string, applicationName: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}application_name=${applicationName}`;
}

/** The backends whose connections carry `applicationName`. */
export async function sampleBackends(monitor: Client, applicationName: string): Promise<CpuSample> {
  const { rows } = await monitor.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [applicationName]);
  return sample(rows.map((r) => r.pid));
}

function sample(pids: number[]): CpuSample {
  const ticks: CpuSample = new Map();
  for (const pid of pids) {
    const t = processTicks(pid);
    if (t !== null) ticks.set(pid, t);
  }
  return ticks;
}

/**
 * CPU milliseconds used between two samples: for processes in both, the
 * difference; for processes that appeared in between (a pool opening a
 * connection), all they used. A process that exited in between is lost, so
 * pools are kept warm and cells short.
 */
export function cpuMsBetween(before: CpuSample, after: CpuSample): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
