import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const GLOB_CHARS = /[*?[]/;

/** fnmatch-style pattern for one path component: `*`, `?`, `[abc]`, `[!abc]`; `*` and `?` skip dotfiles. */
function componentRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[' && glob.indexOf(']', i + 2) !== -1) {
      const close = glob.indexOf(']', i + 2);
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${glob.startsWith('.') ? '' : '(?!\\.)'}${re}$`);
}

function isKind(p: string, dir: boolean): boolean {
  try {
    const st = statSync(p);
    return dir ? st.isDirectory() : st.isFile();
  } catch {
    return false;
  }
}

/**
 * The files an `Include` names, relative paths resolved against `baseDir`.
 * A path with `*`, `?` or `[...]` in any component expands to the matching
 * files in byte order (possibly none: the caller decides whether that is an error); any other path is returned as is, for the
 * caller to read (and to fail on when it is missing).
 */
export function expandIncludePath(pattern: string, baseDir: string): { files: string[]; isGlob: boolean } {
  const abs = path.resolve(baseDir, pattern);
  if (!GLOB_CHARS.test(abs)) return { files: [abs], isGlob: false };
  const { root } = path.parse(abs);
  const parts = abs.slice(root.length).split(path.sep).filter((p) => p !== '');
  let current = [root];
  parts.forEach((part, k) => {
    const last = k === parts.length - 1;
    const next: string[] = [];
    for (const dir of current) {
      if (!GLOB_CHARS.test(part)) {
        const p = path.join(dir, part);
        if (isKind(p, !last)) next.push(p);
        continue;
      }
      const re = componentRegex(part);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names.sort()) {
        const p = path.join(dir, name);
        if (re.test(name) && isKind(p, !last)) next.push(p);
      }
    }
    current = next;
  });
  return { files: current, isGlob: true };
}
