// Reads one contract file defensively (size, byte-order mark, UTF-8) before the strict JSON parse, turning every failure into a located diagnostic.
import { isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { LIMITS } from '../schema/vocabulary.ts';
import { lineStartsOf, parseJsonText, positionOf, type JsonReadResult, type Problem } from './json-source.ts';

/** Reads and parses a contract file, turning every way it can be broken into located diagnostics. */
export function readJsonFile(path: string, file: string): JsonReadResult {
  const fail = (problems: Problem[]) => ({ ok: false as const, diagnostics: problems.map((p) => ({ file, ...p })) });
  const at = (rest: Omit<Problem, 'line' | 'column' | 'pointer' | 'rule'>, line = 1, column = 1): Problem => ({
    line,
    column,
    pointer: '',
    rule: 'json-syntax',
    ...rest,
  });
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // One open, one fstat and one read: the size is checked on the open file, before anything is read.
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > LIMITS.fileBytes) {
      return fail([
        at(
          {
            expected: `a file of at most ${LIMITS.fileBytes / 1024} KiB`,
            found: `${(size / 1024).toFixed(0)} KiB`,
            hint: 'a contract is a few KiB: remove whatever bloats it',
          },
          1,
          1,
        ),
      ]);
    }
    bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, bytes, filled, size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    // A file that shrank while being read is taken as it now is.
    if (filled < size) bytes = bytes.subarray(0, filled);
  } catch (error) {
    return fail([
      at({ expected: 'a readable file', found: `an error reading it (${(error as NodeJS.ErrnoException).code ?? 'unknown'})` }),
    ]);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return fail([
      at({ expected: 'UTF-8 without a byte-order mark', found: 'a byte-order mark (BOM)', hint: 'save the file as UTF-8 without BOM' }),
    ]);
  }
  if (!isUtf8(bytes)) {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const offset = Math.max(0, lenient.indexOf('\uFFFD'));
    const position = positionOf(lineStartsOf(lenient), offset);
    return fail([
      at(
        { expected: 'UTF-8 text', found: 'bytes that are not valid UTF-8', hint: 'save the file as UTF-8' },
        position.line,
        position.column,
      ),
    ]);
  }
  const text = bytes.toString('utf8');
  const parsed = parseJsonText(text);
  return parsed.ok ? parsed : fail(parsed.problems);
}
