/**
 * Finding and reading content files: every `*.md` under the content folder in a stable order
 * (code-point order of the relative path, never readdir order), decoded as UTF-8 the way Hugo
 * renders it: a page with invalid bytes is indexed with U+FFFD in their place, and warned about.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Problem } from './problems.ts';

/** A content file: its path relative to the content folder (with `/`) and absolute. */
export type ContentFile = { rel: string; abs: string };

/** Lists Markdown files; symlinks are followed only to files inside the content folder. */
export async function collectFiles(root: string, problems: Problem[]): Promise<ContentFile[]> {
  const rootReal = await realpath(root);
  const files: ContentFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      problems.push({ level: 'warning', code: 'W_SYMLINK', file: relPath(root, dir), message: `folder cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); skipped` });
      return;
    }
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      const rel = relPath(root, abs);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.')) await walk(abs);
      } else if (entry.isSymbolicLink()) {
        await followLink(abs, rel, rootReal, files, problems);
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        files.push({ rel, abs });
      }
    }
  };
  await walk(root);
  return files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

async function followLink(abs: string, rel: string, rootReal: string, files: ContentFile[], problems: Problem[]): Promise<void> {
  if (!rel.toLowerCase().endsWith('.md')) {
    // Linked folders are not walked: a loop or a way out of the content folder is never followed.
    if ((await lstat(abs).catch(() => undefined))?.isSymbolicLink()) {
      const target = await stat(abs).catch(() => undefined);
      if (target?.isDirectory()) problems.push({ level: 'warning', code: 'W_SYMLINK', file: rel, message: 'symbolic link to a folder is not followed; skipped. Copy the folder into the content folder instead' });
    }
    return;
  }
  let target: string;
  try {
    target = await realpath(abs);
  } catch {
    problems.push({ level: 'warning', code: 'W_SYMLINK', file: rel, message: 'symbolic link is broken or loops; skipped', leftOut: true });
    return;
  }
  const inside = relative(rootReal, target);
  if (inside.startsWith('..') || inside === '' || /^[a-zA-Z]:/.test(inside)) {
    problems.push({ level: 'warning', code: 'W_SYMLINK', file: rel, message: 'symbolic link points outside the content folder; skipped', leftOut: true });
    return;
  }
  files.push({ rel, abs: target });
}

/** Reads a file as text: BOM removed, CRLF → LF; undefined (with a warning) when it cannot be indexed. */
export async function readContent(file: ContentFile, problems: Problem[]): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file.abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    problems.push({ level: 'warning', code: 'W_READ', file: file.rel, message: `cannot be read (${code}); left out of the index. Check the file's permissions`, leftOut: true });
    return undefined;
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    problems.push({ level: 'warning', code: 'W_BINARY', file: file.rel, message: 'is a binary file, not Markdown text; left out of the index. Remove it or rename it so it does not end in .md', leftOut: true });
    return undefined;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Hugo publishes such a page with U+FFFD for each bad sequence; so does the index, so what
    // a visitor finds is what the page shows.
    text = new TextDecoder('utf-8').decode(bytes);
    const at = firstInvalidByte(bytes);
    const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
    problems.push({ level: 'warning', code: 'W_ENCODING', file: file.rel, line, message: `is not valid UTF-8 (byte ${at}); indexed with U+FFFD (�) in place of the bad bytes, as Hugo shows it. Save the file as UTF-8` });
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const size = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (size === 0) return i;
    for (let k = 1; k < size; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += size;
  }
  return i;
}

function relPath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
