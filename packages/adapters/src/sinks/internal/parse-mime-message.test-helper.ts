/** A received message, decoded just enough for assertions. */
export interface ParsedMimeMessage {
  /** Lower-case header names, unfolded values (encoded words left as they are). */
  headers: Map<string, string>;
  text: string | undefined;
  html: string | undefined;
}

/**
 * A small RFC 5322 / MIME reader for tests: unfolds headers, walks multipart bodies and decodes
 * quoted-printable and base64 parts. Enough for what nodemailer writes; not a general parser.
 */
export function parseMimeMessage(raw: string): ParsedMimeMessage {
  const parsed: ParsedMimeMessage = { headers: new Map(), text: undefined, html: undefined };
  const { headers } = readPart(raw.replace(/\r\n/g, '\n'), parsed);
  parsed.headers = headers;
  return parsed;
}

function readPart(part: string, into: ParsedMimeMessage): { headers: Map<string, string> } {
  const separator = part.indexOf('\n\n');
  const headerText = separator === -1 ? part : part.slice(0, separator);
  const body = separator === -1 ? '' : part.slice(separator + 2);
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (contentType.toLowerCase().startsWith('multipart/') && boundary !== undefined) {
    const sections = body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      readPart(section.replace(/^\n/, ''), into);
    }
  } else {
    const decoded = decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit');
    if (contentType.toLowerCase().startsWith('text/html')) into.html = decoded;
    else if (contentType.toLowerCase().startsWith('text/plain')) into.text = decoded;
  }
  return { headers };
}

function decodeBody(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const unwrapped = body.replace(/=\n/g, '');
      const bytes: number[] = [];
      for (let index = 0; index < unwrapped.length; index++) {
        const character = unwrapped[index] as string;
        const hex = unwrapped.slice(index + 1, index + 3);
        if (character === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
          bytes.push(Number.parseInt(hex, 16));
          index += 2;
        } else {
          bytes.push(...Buffer.from(character, 'utf8'));
        }
      }
      return Buffer.from(bytes).toString('utf8');
    }
    default:
      return body;
  }
}
