// Reads which glyphs a PDF page shows, at what size, without any PDF library.
//
// Why glyphs and not text: the text a PDF gives back (its ToUnicode maps) is unreliable for the
// scripts our learners write in. Typst, like most PDF writers, gives each glyph ONE Unicode
// mapping: in Khmer every glyph of a cluster maps to the whole cluster ("សុ" twice), and in
// Noto Sans Arabic the dotless body of "ز" is the same glyph as "ر", so "ز" reads back as "زر".
// So the certificate verifier compares glyph shapes instead: each glyph is identified by a hash
// of its outline in the embedded font (composite glyphs resolved through their components),
// which is the same in every PDF our renderer makes for the same text, whatever the subset.
//
// Scope: what our Typst output (and simple PDFs like it) contains: plain indirect objects,
// Flate streams, Type0/Identity-H fonts with embedded TrueType (FontFile2). Anything else
// (object streams, Type3 fonts, text drawn as paths or images) yields fewer or no glyphs;
// the caller treats "no glyphs" as "cannot check", never as a match.
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

type Ref = { ref: number };
type PdfValue = number | string | boolean | null | Ref | PdfName | PdfValue[] | PdfDict;
type PdfName = { name: string };
type PdfDict = { dict: Record<string, PdfValue> };
type PdfObject = { value: PdfValue; stream?: Buffer };

export type ShownGlyph = {
  /** Hash of font family + outline: equal for the same glyph of the same font in any of our PDFs. */
  id: string;
  /** What the PDF's ToUnicode map says the glyph is (for messages only; see above). */
  text: string;
  /** Effective font size in points (text matrix × CTM). */
  size: number;
  /** Draws nothing (a space): an empty outline, or for fonts without outlines a whitespace mapping. */
  blank: boolean;
};

// ---------------------------------------------------------------- lexer for PDF objects and content streams

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

type Token =
  | { t: 'num'; v: number }
  | { t: 'name'; v: string }
  | { t: 'str'; v: Buffer }
  | { t: 'op'; v: string }
  | { t: 'punct'; v: string };

class Lexer {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  private skip() {
    while (this.pos < this.end) {
      const c = this.buf[this.pos];
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < this.end && this.buf[this.pos] !== 0x0a && this.buf[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  next(): Token | null {
    this.skip();
    if (this.pos >= this.end) return null;
    const b = this.buf;
    const c = b[this.pos];
    if (c === 0x2f) {
      let i = this.pos + 1;
      while (i < this.end && !WS.has(b[i]) && !DELIM.has(b[i])) i++;
      const raw = b
        .toString('latin1', this.pos + 1, i)
        .replace(/#([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
      this.pos = i;
      return { t: 'name', v: raw };
    }
    if (c === 0x28) return { t: 'str', v: this.literalString() };
    if (c === 0x3c && b[this.pos + 1] === 0x3c) return ((this.pos += 2), { t: 'punct', v: '<<' });
    if (c === 0x3e && b[this.pos + 1] === 0x3e) return ((this.pos += 2), { t: 'punct', v: '>>' });
    if (c === 0x3c) {
      const close = b.indexOf(0x3e, this.pos);
      const hex = b.toString('latin1', this.pos + 1, close < 0 ? this.end : close).replace(/[^0-9A-Fa-f]/g, '');
      this.pos = close < 0 ? this.end : close + 1;
      return { t: 'str', v: Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex') };
    }
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d)
      return (this.pos++, { t: 'punct', v: String.fromCharCode(c) });
    let i = this.pos;
    while (i < this.end && !WS.has(b[i]) && !DELIM.has(b[i])) i++;
    if (i === this.pos) i++; // a stray delimiter such as ')': consume it
    const word = b.toString('latin1', this.pos, i);
    this.pos = i;
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) ? { t: 'num', v: Number(word) } : { t: 'op', v: word };
  }

  private literalString(): Buffer {
    const b = this.buf;
    const out: number[] = [];
    let depth = 0;
    let i = this.pos + 1;
    for (; i < this.end; i++) {
      const c = b[i];
      if (c === 0x5c) {
        const n = b[++i];
        const simple: Record<number, number> = {
          0x6e: 10,
          0x72: 13,
          0x74: 9,
          0x62: 8,
          0x66: 12,
          0x28: 0x28,
          0x29: 0x29,
          0x5c: 0x5c,
        };
        if (n in simple) out.push(simple[n]);
        else if (n >= 0x30 && n <= 0x37) {
          let oct = n - 0x30;
          for (let k = 0; k < 2 && b[i + 1] >= 0x30 && b[i + 1] <= 0x37; k++) oct = oct * 8 + (b[++i] - 0x30);
          out.push(oct & 0xff);
        } else if (n === 0x0d) {
          if (b[i + 1] === 0x0a) i++;
        } else if (n !== 0x0a) out.push(n);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (depth === 0) break;
        depth--;
        out.push(c);
      } else out.push(c);
    }
    this.pos = i + 1;
    return Buffer.from(out);
  }
}

/** Parses one value (`first`: a token already read); `N G R` becomes a reference. */
function parseValue(lx: Lexer, first?: Token | null): PdfValue {
  const tok = first ?? lx.next();
  if (!tok) return null;
  if (tok.t === 'num') {
    const save = lx.pos;
    const t2 = lx.next();
    const t3 = t2?.t === 'num' ? lx.next() : null;
    if (t2?.t === 'num' && t3?.t === 'op' && t3.v === 'R') return { ref: tok.v };
    lx.pos = save;
    return tok.v;
  }
  if (tok.t === 'name') return { name: tok.v };
  if (tok.t === 'str') return tok.v.toString('latin1');
  if (tok.t === 'punct' && tok.v === '[') {
    const arr: PdfValue[] = [];
    for (let t = lx.next(); t && !(t.t === 'punct' && t.v === ']'); t = lx.next()) arr.push(parseValue(lx, t));
    return arr;
  }
  if (tok.t === 'punct' && tok.v === '<<') {
    const dict: Record<string, PdfValue> = {};
    for (let t = lx.next(); t && !(t.t === 'punct' && t.v === '>>'); t = lx.next()) {
      if (t.t !== 'name') continue;
      dict[t.v] = parseValue(lx);
    }
    return { dict };
  }
  if (tok.t === 'op') return tok.v === 'true' ? true : tok.v === 'false' ? false : null;
  return null;
}

// ---------------------------------------------------------------- objects

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const text = pdf.toString('latin1');
  const re = /(?:^|[\r\n\s])(\d+)\s+(\d+)\s+obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const num = Number(m[1]);
    const lx = new Lexer(pdf, m.index + m[0].length);
    let value: PdfValue;
    try {
      value = parseValue(lx);
    } catch {
      continue;
    }
    const after = new Lexer(pdf, lx.pos);
    const tok = after.next();
    let stream: Buffer | undefined;
    if (tok?.t === 'op' && tok.v === 'stream' && value && typeof value === 'object' && 'dict' in value) {
      let start = after.pos;
      if (pdf[start] === 0x0d) start++;
      if (pdf[start] === 0x0a) start++;
      const len = value.dict.Length;
      const end = typeof len === 'number' && start + len <= pdf.length ? start + len : text.indexOf('endstream', start);
      if (end > start) stream = pdf.subarray(start, end);
      re.lastIndex = Math.max(re.lastIndex, end);
    }
    objects.set(num, { value, stream }); // a later revision of the same object number wins
  }
  return objects;
}

function resolve(objects: Map<number, PdfObject>, v: PdfValue | undefined, depth = 0): PdfValue | undefined {
  if (v && typeof v === 'object' && 'ref' in v && depth < 32)
    return resolve(objects, objects.get(v.ref)?.value, depth + 1);
  return v;
}

const dictOf = (v: PdfValue | undefined): Record<string, PdfValue> | undefined =>
  v && typeof v === 'object' && 'dict' in v ? v.dict : undefined;
const nameOf = (v: PdfValue | undefined): string | undefined =>
  v && typeof v === 'object' && 'name' in v ? v.name : undefined;

function streamData(objects: Map<number, PdfObject>, v: PdfValue | undefined): Buffer | undefined {
  if (!(v && typeof v === 'object' && 'ref' in v)) return undefined;
  const o = objects.get(v.ref);
  if (!o?.stream) return undefined;
  const filter = resolve(objects, dictOf(o.value)?.Filter);
  const filters = Array.isArray(filter) ? filter.map(nameOf) : filter ? [nameOf(filter)] : [];
  let data = o.stream;
  for (const f of filters) {
    if (f !== 'FlateDecode') return undefined;
    try {
      data = inflateSync(data);
    } catch {
      return undefined;
    }
  }
  return data;
}

// ---------------------------------------------------------------- fonts: ToUnicode and outline hashes

function parseToUnicode(cmap: Buffer | undefined): Map<number, string> {
  const map = new Map<number, string>();
  if (!cmap) return map;
  const text = cmap.toString('latin1');
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      if (m[2].length % 4 === 0) map.set(parseInt(m[1], 16), utf16(m[2]));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const lo = parseInt(m[1], 16);
      const hi = Math.min(parseInt(m[2], 16), lo + 0xffff);
      const base = parseInt(m[3], 16);
      for (let c = lo; c <= hi; c++) map.set(c, String.fromCodePoint(base + (c - lo)));
    }
  }
  return map;
}

/** Outline hash per glyph id of an embedded TrueType font; composites hash their components' hashes. */
type GlyphIdentity = { id: string; blank: boolean | undefined };

function trueTypeGlyphHasher(font: Buffer | undefined, family: string): (gid: number) => GlyphIdentity {
  const fallback = (gid: number) => ({ id: `${family}:gid${gid}:no-outline`, blank: undefined });
  if (!font || font.length < 12) return fallback;
  const tables = new Map<string, { off: number; len: number }>();
  const n = font.readUInt16BE(4);
  for (let i = 0; i < n && 12 + i * 16 + 16 <= font.length; i++) {
    const r = 12 + i * 16;
    tables.set(font.toString('latin1', r, r + 4), { off: font.readUInt32BE(r + 8), len: font.readUInt32BE(r + 12) });
  }
  const head = tables.get('head');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!head || !loca || !glyf) return fallback;
  const longLoca = font.readInt16BE(head.off + 50) === 1;
  const glyphRange = (gid: number): [number, number] | null => {
    const i = longLoca ? loca.off + gid * 4 : loca.off + gid * 2;
    if (i + (longLoca ? 8 : 4) > loca.off + loca.len) return null;
    const a = longLoca ? font.readUInt32BE(i) : font.readUInt16BE(i) * 2;
    const b = longLoca ? font.readUInt32BE(i + 4) : font.readUInt16BE(i + 2) * 2;
    return b >= a ? [glyf.off + a, glyf.off + b] : null;
  };
  const cache = new Map<number, string>();
  const hashOf = (gid: number, depth: number): string => {
    const hit = cache.get(gid);
    if (hit) return hit;
    const range = glyphRange(gid);
    const h = createHash('sha256').update(family);
    if (!range || depth > 8) h.update(`bad:${gid}`);
    else if (range[0] === range[1]) h.update('empty');
    else {
      const g = font.subarray(range[0], range[1]);
      if (g.readInt16BE(0) >= 0) h.update(g);
      else {
        h.update(g.subarray(0, 10));
        let p = 10;
        for (let more = true; more && p + 4 <= g.length;) {
          const flags = g.readUInt16BE(p);
          h.update(g.subarray(p, p + 2)).update(hashOf(g.readUInt16BE(p + 2), depth + 1));
          let q = p + 4 + (flags & 0x1 ? 4 : 2);
          q += flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0;
          h.update(g.subarray(p + 4, q));
          p = q;
          more = (flags & 0x20) !== 0;
        }
      }
    }
    const id = h.digest('base64url').slice(0, 22);
    cache.set(gid, id);
    return id;
  };
  return (gid) => {
    const range = glyphRange(gid);
    return { id: hashOf(gid, 0), blank: range ? range[0] === range[1] : undefined };
  };
}

type FontInfo = { twoByte: boolean; unicode: Map<number, string>; glyphId: (code: number) => GlyphIdentity };

function loadFont(objects: Map<number, PdfObject>, fontRef: PdfValue): FontInfo {
  const font = dictOf(resolve(objects, fontRef)) ?? {};
  const family = (nameOf(font.BaseFont) ?? 'unknown').replace(/^[A-Z]{6}\+/, '');
  const unicode = parseToUnicode(streamData(objects, font.ToUnicode));
  if (nameOf(font.Subtype) === 'Type0') {
    const desc = resolve(objects, font.DescendantFonts);
    const cid = dictOf(resolve(objects, Array.isArray(desc) ? desc[0] : undefined)) ?? {};
    const descriptor = dictOf(resolve(objects, cid.FontDescriptor)) ?? {};
    const identity = nameOf(resolve(objects, cid.CIDToGIDMap)) === 'Identity' && nameOf(font.Encoding) === 'Identity-H';
    const hasher = trueTypeGlyphHasher(streamData(objects, descriptor.FontFile2), family);
    return {
      twoByte: true,
      unicode,
      glyphId: identity ? hasher : (code) => ({ id: `${family}:cid${code}`, blank: undefined }),
    };
  }
  // Simple fonts: identify by family and character code (enough to tell names apart).
  return { twoByte: false, unicode, glyphId: (code) => ({ id: `${family}:code${code}`, blank: undefined }) };
}

// ---------------------------------------------------------------- content stream

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

function showGlyphs(content: Buffer, fonts: (name: string) => FontInfo | undefined, out: ShownGlyph[]) {
  const lx = new Lexer(content);
  const operands: (number | string | Buffer | (number | Buffer)[])[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let font: FontInfo | undefined;
  let fontSize = 0;
  let leading = 0;
  const show = (s: Buffer) => {
    if (!font) return;
    const m = mul(tm, ctm);
    const size = Math.round(Math.abs(fontSize) * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])) * 100) / 100;
    const step = font.twoByte ? 2 : 1;
    for (let i = 0; i + step <= s.length; i += step) {
      const code = step === 2 ? s.readUInt16BE(i) : s[i];
      const text = font.unicode.get(code) ?? (step === 1 ? String.fromCharCode(code) : '');
      const glyph = font.glyphId(code);
      out.push({ id: glyph.id, text, size, blank: glyph.blank ?? /^\s+$/u.test(text) });
    }
  };
  const nums = (k: number) => operands.slice(-k).map((x) => (typeof x === 'number' ? x : 0));
  for (let tok = lx.next(); tok; tok = lx.next()) {
    if (tok.t === 'num') operands.push(tok.v);
    else if (tok.t === 'name') operands.push(tok.v);
    else if (tok.t === 'str') operands.push(tok.v);
    else if (tok.t === 'punct' && tok.v === '[') {
      const arr: (number | Buffer)[] = [];
      for (let t = lx.next(); t && !(t.t === 'punct' && t.v === ']'); t = lx.next()) {
        if (t.t === 'num') arr.push(t.v);
        else if (t.t === 'str') arr.push(t.v);
      }
      operands.push(arr);
    } else if (tok.t === 'punct' && tok.v === '<<') {
      for (let t = lx.next(), depth = 1; t && depth > 0; t = lx.next()) {
        if (t.t === 'punct' && t.v === '<<') depth++;
        if (t.t === 'punct' && t.v === '>>') depth--;
        if (depth === 0) break;
      }
    } else if (tok.t === 'op') {
      switch (tok.v) {
        case 'q':
          stack.push(ctm);
          break;
        case 'Q':
          ctm = stack.pop() ?? IDENTITY;
          break;
        case 'cm':
          ctm = mul(nums(6) as Matrix, ctm);
          break;
        case 'BT':
          tm = tlm = IDENTITY;
          break;
        case 'Tf': {
          const [name, size] = operands.slice(-2);
          font = typeof name === 'string' ? fonts(name) : undefined;
          fontSize = typeof size === 'number' ? size : 0;
          break;
        }
        case 'Tm':
          tm = tlm = nums(6) as Matrix;
          break;
        case 'Td':
        case 'TD': {
          const [tx, ty] = nums(2);
          if (tok.v === 'TD') leading = -ty;
          tm = tlm = mul([1, 0, 0, 1, tx, ty], tlm);
          break;
        }
        case 'TL':
          leading = nums(1)[0];
          break;
        case 'T*':
          tm = tlm = mul([1, 0, 0, 1, 0, -leading], tlm);
          break;
        case 'Tj':
        case "'":
        case '"': {
          if (tok.v !== 'Tj') tm = tlm = mul([1, 0, 0, 1, 0, -leading], tlm);
          const s = operands[operands.length - 1];
          if (Buffer.isBuffer(s)) show(s);
          break;
        }
        case 'TJ': {
          const arr = operands[operands.length - 1];
          if (Array.isArray(arr)) for (const x of arr) if (Buffer.isBuffer(x)) show(x);
          break;
        }
        default:
      }
      operands.length = 0;
    }
  }
}

/** Every glyph the PDF's pages show, in drawing order. Never throws; an unreadable PDF gives []. */
export function shownGlyphs(pdf: Buffer): ShownGlyph[] {
  const out: ShownGlyph[] = [];
  try {
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return out;
    const objects = readObjects(pdf);
    for (const [, obj] of objects) {
      const page = dictOf(obj.value);
      if (!page || nameOf(page.Type) !== 'Page') continue;
      const resources = dictOf(resolve(objects, page.Resources)) ?? {};
      const fontDict = dictOf(resolve(objects, resources.Font)) ?? {};
      const cache = new Map<string, FontInfo>();
      const fonts = (name: string) => {
        if (!(name in fontDict)) return undefined;
        if (!cache.has(name)) cache.set(name, loadFont(objects, fontDict[name]));
        return cache.get(name);
      };
      const contents = page.Contents;
      const refs = Array.isArray(contents) ? contents : [contents];
      const data = Buffer.concat(
        refs.map((r) => streamData(objects, r) ?? Buffer.alloc(0)).flatMap((b) => [b, Buffer.from('\n')]),
      );
      showGlyphs(data, fonts, out);
    }
  } catch {
    return out;
  }
  return out;
}

/** The document language (/Lang in the catalog), if any. */
export function documentLanguage(pdf: Buffer): string | undefined {
  const m = /\/Lang\s*\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\)/.exec(pdf.toString('latin1'));
  return m?.[1];
}
