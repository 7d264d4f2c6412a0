/**
 * The studies' CPU attribution: CDP CPU profiles of the page (renderer built with source maps)
 * summed into self time per original source function and per source file or package, and the
 * renderer's main-thread tasks of a Chromium trace split by what they spent their time on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { ROOT } from './common.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  /** µs, the clock of trace events' `ts`. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** Neither idle nor "(program)" (native work: style, layout, paint), in ms. */
  busy: number;
  byFunction: Map<string, number>;
  byFile: Map<string, number>;
}

/** Self time of every sample (or of those inside `within`: trace-clock µs ranges), by original function and by file (packages by name). */
export function selfTime(profiles: readonly CpuProfile[], within?: ReadonlyArray<readonly [start: number, end: number]>): SelfTime {
  const maps = new Map<string, TraceMap | null>();
  const mapFor = (url: string): TraceMap | null => {
    if (!maps.has(url)) {
      let map: TraceMap | null = null;
      const match = /\/(assets\/[^?#]+\.js)/.exec(url);
      if (match) {
        try {
          map = new TraceMap(readFileSync(join(ROOT, 'out/renderer', `${match[1]}.map`), 'utf8'));
        } catch {
          map = null;
        }
      }
      maps.set(url, map);
    }
    return maps.get(url)!;
  };
  const result: SelfTime = { busy: 0, byFunction: new Map(), byFile: new Map() };
  const account = (callFrame: ProfileNode['callFrame'], self: number) => {
    const map = callFrame.url ? mapFor(callFrame.url) : null;
    let name = callFrame.functionName || '(anonymous)';
    let file = callFrame.url ? callFrame.url.replace(/^.*\//, '') : name;
    if (map) {
      const original = originalPositionFor(map, { line: callFrame.lineNumber + 1, column: callFrame.columnNumber });
      if (original.source) {
        file = original.source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
        name = `${original.name ?? name} (${file}:${original.line})`;
      }
    }
    if (name !== '(idle)' && name !== '(program)') result.busy += self;
    result.byFunction.set(name, (result.byFunction.get(name) ?? 0) + self);
    const group = /node_modules\/([^/]+(?:\/[^/]+)?)/.exec(file)?.[1] ?? file;
    result.byFile.set(group, (result.byFile.get(group) ?? 0) + self);
  };
  for (const cpu of profiles) {
    const selfByNode = new Map<number, number>();
    let at = cpu.startTime;
    cpu.samples.forEach((id, index) => {
      at += cpu.timeDeltas[index] ?? 0;
      if (within && !within.some(([start, end]) => at >= start && at <= end)) return;
      selfByNode.set(id, (selfByNode.get(id) ?? 0) + (cpu.timeDeltas[index] ?? 0) / 1000);
    });
    const nodes = new Map(cpu.nodes.map((node) => [node.id, node]));
    for (const [id, self] of selfByNode) account(nodes.get(id)!.callFrame, self);
  }
  return result;
}

/** The `n` largest entries, each `per` (e.g. per open) in ms, one line each. */
export function topLines(entries: Map<string, number>, n: number, per = 1, unit = 'ms'): string[] {
  return [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, value]) => `  ${(value / per).toFixed(1).padStart(7)} ${unit}  ${key}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** A main-thread task of the renderer longer than `minimumMs`, and its time by kind of work. */
export interface LongTask {
  /** Trace clock, µs. */
  start: number;
  durationMs: number;
  parts: Map<string, number>;
}

const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  'v8.callFunction': 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'paint',
  Layerize: 'paint',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  ParseHTML: 'parse',
  ResizeObserverCallback: 'script',
};

/** The renderer's main-thread complete events of a Chromium trace (`browser.startTracing`, category `devtools.timeline`). */
function mainThreadEvents(trace: { traceEvents: TraceEvent[] }): TraceEvent[] {
  const events = trace.traceEvents;
  const main = events.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  if (!main) return [];
  return events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined);
}

/** Time by kind of work (script, style, layout, paint, gc, parse) of `events`, outermost event of each kind only. */
function timeByKind(events: readonly TraceEvent[]): Map<string, number> {
  const parts = new Map<string, number>();
  const counted: TraceEvent[] = [];
  for (const event of [...events].filter((candidate) => KINDS[candidate.name]).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)) {
    const kind = KINDS[event.name]!;
    // An event inside another of the same kind is already counted in it.
    if (counted.some((outer) => KINDS[outer.name] === kind && event.ts >= outer.ts && event.ts + event.dur! <= outer.ts + outer.dur!)) continue;
    counted.push(event);
    parts.set(kind, (parts.get(kind) ?? 0) + event.dur! / 1000);
  }
  return parts;
}

/** The main-thread tasks of the page over `minimumMs`, each with its time split by kind of work. */
export function longTasksOf(trace: { traceEvents: TraceEvent[] }, minimumMs = 50): LongTask[] {
  const onMain = mainThreadEvents(trace);
  return onMain
    .filter((event) => event.name === 'RunTask' && event.dur! / 1000 > minimumMs)
    .map((task) => ({
      start: task.ts,
      durationMs: task.dur! / 1000,
      parts: timeByKind(onMain.filter((event) => event !== task && event.ts >= task.ts && event.ts + event.dur! <= task.ts + task.dur!)),
    }));
}

/** All the page's main-thread work in a trace, by kind, and its busy total (the tasks' time). */
export function mainThreadWork(trace: { traceEvents: TraceEvent[] }): { tasksMs: number; parts: Map<string, number> } {
  const onMain = mainThreadEvents(trace);
  const tasksMs = onMain.filter((event) => event.name === 'RunTask').reduce((sum, task) => sum + task.dur! / 1000, 0);
  return { tasksMs, parts: timeByKind(onMain) };
}
