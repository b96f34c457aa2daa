// Reads a V8 CPU profile (`node --cpu-prof`, a .cpuprofile file) into where the time went: self time by function and
// by file, largest first, as shares of the time the process was busy (not idle). Pure; cpuProfileTop.ts prints it.

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `function (file:line)`, or a V8 pseudo-frame such as `(garbage collector)`. */
  name: string;
  ms: number;
  /** Of the busy time: every sample but `(idle)`. */
  share: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  byFunction: SelfTime[];
  byFile: SelfTime[];
}

/** A file as a reader knows it: `node_modules/<package>`, a project path, `node:<module>`, or the pseudo-frame. */
export function fileOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return `node_modules/${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return url;
  const path = url.replace(/^file:\/\//, '');
  const project = /\/(mock-exchange|domain|engine|scenarios|scripts|bench|applicants|reconcile)\//.exec(path);
  return project ? path.slice(project.index + 1) : path;
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  let idleUs = 0;
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time before sample i: charged to it, as Chrome DevTools does.
    const us = Math.max(0, profile.timeDeltas[i] ?? 0);
    const node = byId.get(id);
    if (!node) return;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') return void (idleUs += us);
    const where = fileOf(url, functionName);
    // A V8 pseudo-frame by itself; a native function (a better-sqlite3 statement's run, a syscall wrapper) by its name.
    const name =
      url === ''
        ? functionName.startsWith('(')
          ? functionName
          : `${functionName || '(anonymous)'} (native)`
        : `${functionName || '(anonymous)'} (${where}:${lineNumber + 1})`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    file.set(where, (file.get(where) ?? 0) + us);
  });
  const busyUs = totalUs - idleUs;
  const ranked = (m: Map<string, number>): SelfTime[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: busyUs > 0 ? us / busyUs : 0 }));
  return { wallMs: Math.round((profile.endTime - profile.startTime) / 1000), busyMs: Math.round(busyUs / 1000), byFunction: ranked(fn), byFile: ranked(file) };
}

export function formatSummary(label: string, s: ProfileSummary): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1).padStart(5)} %`;
  const rows = (items: SelfTime[]): string[] => items.map((t) => `  ${pct(t.share)}  ${String(t.ms).padStart(7)} ms  ${t.name}`);
  return [
    `${label}: busy ${s.busyMs.toLocaleString('en-US')} ms of ${s.wallMs.toLocaleString('en-US')} ms profiled (${pct(s.wallMs > 0 ? s.busyMs / s.wallMs : 0).trim()})`,
    ' self time by function (share of busy):',
    ...rows(s.byFunction),
    ' self time by file:',
    ...rows(s.byFile),
  ].join('\n');
}
