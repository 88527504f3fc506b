// --include / --exclude with ossutil's semantics: each pattern is a shell wildcard (`*`, `?`, `[abc]`, `[a-z]`,
// `[!abc]`, `\` escapes) matched against the file name alone (the last segment of the path or key), never against
// the folders above it. The rules apply in the order given: an include adds what it matches, an exclude removes
// what it matches, so the last rule that matches a name decides; a name no rule matches is taken when the first
// rule is an exclude and left out when the first rule is an include.
import { OssCseError } from '@oss-cse/core';

/** One `--include` or `--exclude` rule. */
export interface NameRule {
  /** Whether matching names are taken or left out. */
  readonly kind: 'include' | 'exclude';
  /** A shell wildcard on the file name (`*.jpg`, `img-??.png`, `[!.]*`). */
  readonly pattern: string;
}

/** A compiled rule list; `matches(pathOrKey)` says whether the entry is part of the job. */
export interface NameFilter {
  /** The rules, in order. */
  readonly rules: readonly NameRule[];
  /** Whether the path or key (its last segment) is part of the job. */
  matches(pathOrKey: string): boolean;
}

/**
 * @example
 * ```ts
 * import { nameFilter } from '@oss-cse/transfer';
 * const filter = nameFilter([{ kind: 'exclude', pattern: '*.tmp' }, { kind: 'include', pattern: 'keep.tmp' }]);
 * filter.matches('a/b/keep.tmp'); // true
 * ```
 */
export function nameFilter(rules: readonly NameRule[]): NameFilter {
  const compiled = rules.map((r) => ({ include: r.kind === 'include', re: wildcardRegExp(r.pattern) }));
  return {
    rules,
    matches(pathOrKey) {
      if (compiled.length === 0) return true;
      const name = pathOrKey.slice(pathOrKey.lastIndexOf('/') + 1);
      let taken = !compiled[0]!.include;
      for (const rule of compiled) if (rule.re.test(name)) taken = rule.include;
      return taken;
    },
  };
}

/**
 * A shell wildcard as an anchored regular expression (Go's filepath.Match, which ossutil uses).
 *
 * @example
 * ```ts
 * import { wildcardRegExp } from '@oss-cse/transfer';
 * wildcardRegExp('*.jp[e]g').test('a.jpeg'); // true
 * ```
 */
export function wildcardRegExp(pattern: string): RegExp {
  if (pattern.length === 0 || pattern.includes('/'))
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      `filter pattern "${pattern}" must be a non-empty file name pattern without "/"`,
    );
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\' && i + 1 < pattern.length) out += escape(pattern[++i]!);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new OssCseError('ERR_INVALID_ARGUMENT', `filter pattern "${pattern}" has an unclosed [`);
      let body = pattern.slice(i + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else out += escape(c);
  }
  return new RegExp(`^${out}$`, 'su');
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
