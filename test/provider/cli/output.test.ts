import { Output } from '../../../provider/cli/output';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const s = { isTTY, text: '', write(chunk: string) { s.text += chunk; return true; } };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

const saved = process.env.NO_COLOR;
afterEach(() => {
  if (saved === undefined) delete process.env.NO_COLOR;
  else process.env.NO_COLOR = saved;
});

test('not a terminal: no colour, no progress, only the result', () => {
  delete process.env.NO_COLOR;
  const out = stream(false);
  const err = stream(false);
  const o = new Output({}, out, err);
  o.progress('starting');
  o.done('ready');
  o.note('a note');
  o.print(o.paint('32', 'result'));
  expect(out.text).toBe('result\n');
  expect(err.text).toBe('');
});

test('a terminal: colour in results, progress and notes on stderr, cleared before the result', () => {
  delete process.env.NO_COLOR;
  const out = stream(true);
  const err = stream(true);
  const o = new Output({}, out, err);
  o.progress('starting');
  o.print(o.paint('32', 'result'));
  expect(out.text).toBe('\x1b[32mresult\x1b[0m\n');
  expect(err.text).toMatch(/starting/);
  expect(err.text.endsWith('\r\x1b[2K')).toBe(true);
});

test('NO_COLOR, --no-color and --json turn colour off; --json also turns progress off', () => {
  process.env.NO_COLOR = '1';
  expect(new Output({}, stream(true), stream(true)).color).toBe(false);
  delete process.env.NO_COLOR;
  expect(new Output({ color: false }, stream(true), stream(true)).color).toBe(false);
  const err = stream(true);
  const json = new Output({ json: true }, stream(true), err);
  json.progress('x');
  expect(json.color).toBe(false);
  expect(err.text).toBe('');
});
