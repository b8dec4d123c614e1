import { join } from 'path';
import {
  applyPending, describeViolations, findCircles, FloorRule, floorViolations, importGraph, PendingArrow, RoomRule, roomViolations,
} from './helpers/dependency-rules';

// The architecture as a test (docs/architecture.md, "Rooms and floors"): which folder may import
// which, the floors inside the engine, and no import circles anywhere in lib/, provider/ and
// examples/. Every import form counts, `import type` included.

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['lib', 'provider', 'examples'];
const CONTRACT = 'lib/contract';
const VERSION = 'provider/version.ts';

/** The rooms and the rooms each may import (besides its own files). */
export const ROOMS: readonly RoomRule[] = [
  { room: 'lib/policy', may: [], why: 'the model imports nothing of ours' },
  { room: CONTRACT, may: ['lib/policy'], why: 'contracts shared by several rooms stand on the model only' },
  { room: 'lib/targets', may: ['lib/policy', CONTRACT], why: 'a target turns the model into resources' },
  { room: 'lib/constructs', may: ['lib/policy', CONTRACT, 'lib/targets'], why: 'constructs build the document and hand it to a target' },
  { room: 'lib/index.ts', may: ['lib/policy', CONTRACT, 'lib/targets', 'lib/constructs'], why: 'the jsii entry point re-exports the library' },
  { room: VERSION, may: [], why: 'the package version is read by every front end' },
  { room: 'provider/engine', may: ['lib/policy', CONTRACT, VERSION], why: 'the engine validates with the model and knows no front end' },
  { room: 'provider/deploy', may: ['lib/policy', CONTRACT, VERSION], why: 'the deploy core talks to the engine over its admin API, never through a front end' },
  { room: 'provider/cli', may: ['provider/deploy', 'lib/policy', CONTRACT, VERSION], why: 'the CLI is a front end on the deploy core' },
  { room: 'provider/plugin', may: ['provider/deploy', 'lib/policy', CONTRACT, VERSION], why: 'the plugin is a front end on the deploy core' },
  { room: 'examples', may: ['lib/index.ts', VERSION], why: 'examples use the library as users do' },
];

/**
 * The engine's floors, ground floor first (docs/architecture.md): shared types and the error and
 * log vocabulary at the ground; the parts that know no traffic; back ends; health checks; the
 * compiler; access records; the data path; the worker processes; the front ends onto the engine;
 * the engine itself at the top.
 */
export const ENGINE_FLOORS: FloorRule = {
  root: 'provider/engine',
  floors: [
    ['common', 'errors.ts', 'logging'],
    ['certificates', 'tls', 'state'],
    ['backends'],
    ['metrics'],
    ['health'],
    ['model'],
    ['access-log'],
    ['listeners', 'data-plane'],
    ['workers'],
    ['admin', 'elb-api'],
    ['control-plane'],
    ['engine.ts', 'main.ts'],
  ],
};

/**
 * Known arrows against the rules, each naming the move that will remove it (none now: the contract
 * moves of issue 16 are merged). An entry whose arrow is gone fails the test below, so the list
 * cannot go stale.
 */
const PENDING: readonly PendingArrow[] = [];
describe('the architecture: rooms, floors, no circles', () => {
  const graph = importGraph(ROOT, SCANNED);

  test('the reader finds the tree (a checker that reads nothing passes everything)', () => {
    expect(graph.size).toBeGreaterThan(250);
    expect(graph.get('provider/engine/engine.ts')).toEqual(expect.arrayContaining(['provider/engine/errors.ts']));
  });

  test('no import circles', () => {
    expect(findCircles(graph).map((c) => c.join(' <-> '))).toEqual([]);
  });

  test('each room imports only the rooms below it', () => {
    const { open } = applyPending(roomViolations(graph, ROOMS), PENDING, graph);
    expect(describeViolations(open)).toEqual([]);
  });

  test('inside the engine, no import goes from a lower floor back up', () => {
    expect(describeViolations(floorViolations(graph, ENGINE_FLOORS))).toEqual([]);
  });

  test('every pending arrow still exists (remove the entry once its move is merged)', () => {
    const { stale } = applyPending(roomViolations(graph, ROOMS), PENDING, graph);
    expect(stale.map((p) => `${p.from} -> ${p.to} (${p.move})`)).toEqual([]);
  });
});

describe('the checker itself, on fixture trees', () => {
  const FIXTURES = join(__dirname, 'fixtures', 'dependency-rules');

  test('a clean tree passes every rule', () => {
    const graph = importGraph(join(FIXTURES, 'clean'), SCANNED);
    expect(graph.size).toBe(8);
    expect(findCircles(graph)).toEqual([]);
    expect(roomViolations(graph, ROOMS)).toEqual([]);
    expect(floorViolations(graph, ENGINE_FLOORS)).toEqual([]);
  });

  test('a broken tree: the circle, the forbidden arrows and the upward import are each reported', () => {
    const graph = importGraph(join(FIXTURES, 'broken'), SCANNED);
    expect(findCircles(graph)).toEqual([['provider/deploy/plan.ts', 'provider/deploy/render.ts']]);
    expect(describeViolations(roomViolations(graph, ROOMS))).toEqual([
      expect.stringMatching(/^lib\/policy\/rule\.ts -> provider\/deploy\/plan\.ts: lib\/policy may import only nothing of ours/),
      expect.stringMatching(/^provider\/cli\/command\.ts -> provider\/plugin\/install\.ts: provider\/cli may import only provider\/deploy/),
      expect.stringMatching(/^provider\/engine\/engine\.ts -> lib\/targets\/target\.ts: provider\/engine may import only lib\/policy/),
      expect.stringMatching(/^provider\/newroom\/thing\.ts: the file is in no room/),
    ]);
    expect(describeViolations(floorViolations(graph, ENGINE_FLOORS))).toEqual([
      expect.stringMatching(/^provider\/engine\/common\/shared\.ts -> provider\/engine\/health\/checker\.ts: common \(floor 0\) imports health \(floor 4\)/),
      expect.stringMatching(/^provider\/engine\/stray\/part\.ts: the file is on no floor/),
    ]);
  });

  test('an excused arrow is excused, and a pending arrow that is gone is named', () => {
    const graph = importGraph(join(FIXTURES, 'broken'), SCANNED);
    const pending: PendingArrow[] = [
      { from: 'provider/engine/engine.ts', to: 'lib/targets/target.ts', move: 'target -> lib/contract' },
      { from: 'provider/deploy/plan.ts', to: 'lib/targets/target.ts', move: 'already gone' },
    ];
    const { open, excused, stale } = applyPending(roomViolations(graph, ROOMS), pending, graph);
    expect(excused.map((v) => v.from)).toEqual(['provider/engine/engine.ts']);
    expect(open.map((v) => v.from)).not.toContain('provider/engine/engine.ts');
    expect(stale.map((p) => p.move)).toEqual(['already gone']);
  });

  test('every import form is read, type-only ones included', () => {
    const graph = importGraph(join(FIXTURES, 'broken'), SCANNED);
    // forms.ts uses six import forms (side effect, named, type-only, import = require, re-export,
    // require(), import(), import type node) and a package that is not ours.
    expect(graph.get('provider/deploy/forms.ts')).toEqual([
      'lib/policy/rule.ts', 'provider/deploy/plan.ts', 'provider/deploy/render.ts', 'provider/deploy/types.ts',
    ]);
  });
});
