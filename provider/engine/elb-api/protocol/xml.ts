/**
 * A minimal XML writer for Query-API answers: element trees of plain values, escaped text, lists as
 * `<member>` elements (the AWS Query protocol's list shape).
 */

/** One node: a text value, a nested structure, a list (written as `member` children) or absent. */
export type XmlValue = string | number | boolean | XmlStruct | XmlList | undefined | null;
/** A structure: child elements in insertion order. */
export interface XmlStruct { readonly [name: string]: XmlValue }
/** A list, written as one `<member>` per entry. */
export class XmlList {
  constructor(public readonly items: readonly XmlValue[]) {}
}

/** `list(items)` marks an array as a `member` list. */
export function list(items: readonly XmlValue[]): XmlList {
  return new XmlList(items);
}

/** Escapes text for element content. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function write(value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (value instanceof XmlList) return value.items.map((i) => `<member>${write(i)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => `<${k}>${write(v)}</${k}>`).join('');
  }
  return escapeXml(String(value));
}

/** `<{Action}Response xmlns=...><{Action}Result>...</{Action}Result><ResponseMetadata>...` */
export function actionResponse(action: string, namespace: string, result: XmlStruct | undefined, requestId: string): string {
  const body = result === undefined ? '' : `<${action}Result>${write(result)}</${action}Result>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}">${body}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>\n`;
}

/** AWS's Query-API error document. */
export function errorResponse(namespace: string, type: string, code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${namespace}"><Error><Type>${escapeXml(type)}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>\n`;
}

/** EC2's answer shape: no Result wrapper, `requestId` first, lists as `item` (the caller builds them). */
export function ec2Response(action: string, namespace: string, fields: XmlStruct | undefined, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${namespace}"><requestId>${requestId}</requestId>${write(fields)}</${action}Response>\n`;
}

/** EC2's error document. */
export function ec2ErrorResponse(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${requestId}</RequestID></Response>\n`;
}
