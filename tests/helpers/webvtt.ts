// WebVTT validation with webvtt-parser, the parser of the W3C's WebVTT validator.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { WebVTTParser } = require('webvtt-parser') as {
  WebVTTParser: new () => {
    parse(text: string, mode: string): { errors: { line: number; message: string }[]; cues: unknown[] };
  };
};

/** `line N: message` for each problem the validator finds; [] for a valid file. */
export function vttProblems(text: string): string[] {
  return new WebVTTParser().parse(text, 'metadata').errors.map((e) => `line ${e.line}: ${e.message}`);
}

export const vttCueCount = (text: string) => new WebVTTParser().parse(text, 'metadata').cues.length;
