import * as http from 'http';
import { HTTPParser, MAX_HEADER_SIZE } from '../../../../provider/engine/common/llhttp-parser';

/**
 * The lean response skips Node's header checks for back-end headers the lean client's llhttp
 * parser (strict, `kLenientNone`) produced. That holds only while llhttp refuses exactly what
 * `http.validateHeaderName` / `validateHeaderValue` refuse: checked here for every byte value.
 */
function parsedHeaders(raw: string): string[] | undefined {
  const p = new HTTPParser();
  p.initialize(HTTPParser.RESPONSE, {}, MAX_HEADER_SIZE, HTTPParser.kLenientNone);
  let headers: string[] | undefined;
  p[HTTPParser.kOnHeaders] = () => undefined;
  p[HTTPParser.kOnHeadersComplete] = (_a: number, _b: number, h: string[]) => { headers = h; return 0; };
  p[HTTPParser.kOnBody] = () => undefined;
  p[HTTPParser.kOnMessageComplete] = () => undefined;
  const ret = p.execute(Buffer.from(raw, 'latin1'));
  p.close();
  return typeof ret === 'number' ? headers : undefined;
}

function nodeAccepts(check: () => void): boolean {
  try { check(); return true; } catch { return false; }
}

describe('llhttp (strict) refuses what Node header checks refuse', () => {
  test('header values, every byte', () => {
    const disagreements: number[] = [];
    for (let c = 0; c < 256; c++) {
      if (c === 0x0d || c === 0x0a) continue; // line structure: never part of a parsed value
      const value = `a${String.fromCharCode(c)}b`;
      const parsed = parsedHeaders(`HTTP/1.1 200 OK\r\nX-V: ${value}\r\nContent-Length: 0\r\n\r\n`);
      const node = nodeAccepts(() => http.validateHeaderValue('X-V', value));
      // Whatever llhttp accepts, Node accepts too (the reverse is not needed: a refusal is a 502 either way).
      if (parsed !== undefined && (!node || parsed[1] !== value)) disagreements.push(c);
    }
    expect(disagreements).toEqual([]);
  });

  test('header names, every byte', () => {
    const disagreements: number[] = [];
    for (let c = 0; c < 256; c++) {
      if (c === 0x0d || c === 0x0a || c === 0x3a) continue;
      const name = `X${String.fromCharCode(c)}Y`;
      const parsed = parsedHeaders(`HTTP/1.1 200 OK\r\n${name}: v\r\nContent-Length: 0\r\n\r\n`);
      const node = nodeAccepts(() => http.validateHeaderName(name));
      if (parsed !== undefined && (!node || parsed[0] !== name)) disagreements.push(c);
    }
    expect(disagreements).toEqual([]);
  });

  test('obs-fold is refused', () => {
    expect(parsedHeaders('HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 0\r\n\r\n')).toBeUndefined();
  });
});
