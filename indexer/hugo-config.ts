/**
 * A Hugo site's config, as far as it decides which pages are published and at which URL:
 * `hugo.toml|yaml|yml|json`, else `config.toml|yaml|yml|json` (Hugo's order) in the site folder.
 * Keys are read case-insensitively, as Hugo does. What changes URLs but is not supported here is
 * reported once, with what Sagasu does instead.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Problem } from './problems.ts';
import { PERMALINK_TOKENS, type UrlRules } from './urls.ts';

/** Config file names, in the order Hugo looks for them. */
export const HUGO_CONFIG_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'];

/** What the index takes from a Hugo site's config. */
export type HugoSite = {
  /** The config file read (for messages). */
  file: string;
  /** Absolute content folder (`contentDir`, default `content`). */
  content: string;
  /** Absolute output folder (`publishDir`, default `public`). */
  publishDir: string;
  /** The path of `baseURL` without its final slash (`https://example.org/docs/` → `/docs`), '' at the root. */
  basePath: string;
  /** URL rules: permalinks per section, uglyURLs, disablePathToLower. */
  rules: UrlRules;
  /** Page kinds Hugo does not render (`disableKinds`, lower case: page, section, home…). */
  disabledKinds: Set<string>;
  buildDrafts: boolean;
  buildFuture: boolean;
  buildExpired: boolean;
};

/**
 * Reads the config of the Hugo site in `dir`. Returns undefined, with an error in `problems`,
 * when there is none or it cannot be parsed; warnings name what is not supported.
 */
export async function readHugoConfig(dir: string, problems: Problem[]): Promise<HugoSite | undefined> {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    problems.push({ level: 'error', code: 'E_HUGO_CONFIG', file: dir, message: 'folder not found. Pass --hugo with the folder of your Hugo site (the one holding hugo.toml or config.toml)' });
    return undefined;
  }
  let file: string | undefined;
  for (const name of HUGO_CONFIG_FILES) {
    if ((await stat(join(dir, name)).catch(() => undefined))?.isFile()) { file = join(dir, name); break; }
  }
  if (!file) {
    const split = await readdir(join(dir, 'config', '_default')).catch(() => undefined);
    const hint = split ? ' Sagasu does not read a config/_default/ folder: put the keys it needs (baseURL, contentDir, permalinks, uglyURLs) in a hugo.toml' : ' Pass --hugo with the folder of your Hugo site';
    problems.push({ level: 'error', code: 'E_HUGO_CONFIG', file: dir, message: `no ${HUGO_CONFIG_FILES.join(', ')} in this folder.${hint}` });
    return undefined;
  }
  const source = await readFile(file, 'utf8');
  let data: unknown;
  try {
    if (file.endsWith('.toml')) data = parseToml(source);
    else if (file.endsWith('.json')) data = JSON.parse(source);
    else data = yaml.load(source, { schema: yaml.CORE_SCHEMA });
  } catch (error) {
    problems.push({ level: 'error', code: 'E_HUGO_CONFIG', file, line: errorLine(error, source), message: `cannot be parsed: ${firstLine(error)}. Fix the file (Hugo would not build with it either)` });
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ level: 'error', code: 'E_HUGO_CONFIG', file, line: 1, message: 'is not a mapping of settings. Write it as `key = value` lines' });
    return undefined;
  }
  const config = lowerKeys(data as Record<string, unknown>);
  const warn = (key: string, message: string) => problems.push({ level: 'warning', code: 'W_HUGO_CONFIG', file: file as string, line: keyLine(source, key), message });

  const text = (key: string, fallback: string) => (typeof config[key] === 'string' ? (config[key] as string) : fallback);
  const flag = (key: string) => config[key] === true;
  let basePath = '';
  const baseURL = text('baseurl', '/');
  try {
    basePath = new URL(baseURL, 'http://localhost').pathname.replace(/\/+$/, '');
  } catch {
    warn('baseURL', `baseURL ${JSON.stringify(baseURL)} is not a URL; page URLs start at the site root`);
  }

  const permalinks: Record<string, string> = {};
  const rawPermalinks = config.permalinks;
  if (typeof rawPermalinks === 'object' && rawPermalinks !== null) {
    for (const [section, pattern] of Object.entries(rawPermalinks as Record<string, unknown>)) {
      if (typeof pattern !== 'string') {
        warn('permalinks', `permalinks.${section} is not a pattern string (Hugo 0.112's page/section tables are not read); its pages keep their default URLs`);
        continue;
      }
      const unknown = (pattern.match(/:[a-z_]+/gi) ?? []).filter((token) => !PERMALINK_TOKENS.includes(token.toLowerCase()));
      if (unknown.length > 0) {
        warn('permalinks', `permalinks.${section} uses ${[...new Set(unknown)].join(', ')}, which Sagasu does not expand (it knows ${PERMALINK_TOKENS.join(' ')}); that section's pages keep their default URLs`);
        continue;
      }
      permalinks[section.toLowerCase()] = pattern;
    }
  }
  if (config.languages !== undefined || flag('defaultcontentlanguageinsubdir')) {
    warn(config.languages !== undefined ? 'languages' : 'defaultContentLanguageInSubdir', 'multilingual sites are not supported: pages are indexed at their single-language URLs, without a language prefix');
  }
  if (typeof config.module === 'object' && config.module !== null && 'mounts' in (config.module as object)) {
    warn('module', 'module.mounts is not read: only the content folder (contentDir) is indexed');
  }
  if (typeof config.uglyurls === 'object' && config.uglyurls !== null) {
    warn('uglyURLs', 'uglyURLs per section is not supported; every page keeps pretty URLs (/page/)');
  }
  const disabled = Array.isArray(config.disablekinds) ? config.disablekinds.filter((k): k is string => typeof k === 'string').map((k) => k.toLowerCase()) : [];

  return {
    file,
    content: resolve(dir, text('contentdir', 'content')),
    publishDir: resolve(dir, text('publishdir', 'public')),
    basePath,
    rules: { permalinks, uglyURLs: config.uglyurls === true, lowerCase: !flag('disablepathtolower') },
    disabledKinds: new Set(disabled),
    buildDrafts: flag('builddrafts'),
    buildFuture: flag('buildfuture'),
    buildExpired: flag('buildexpired'),
  };
}

function lowerKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The line a key is set on (first occurrence, any case), 1 when not found. */
function keyLine(source: string, key: string): number {
  const at = source.split('\n').findIndex((line) => line.trimStart().toLowerCase().replace(/^\[/, '').startsWith(key.toLowerCase()));
  return at >= 0 ? at + 1 : 1;
}

function errorLine(error: unknown, source: string): number {
  if (error instanceof TomlError) return error.line;
  const mark = (error as { mark?: { line?: number } }).mark;
  if (typeof mark?.line === 'number') return mark.line + 1;
  const position = /position (\d+)/.exec((error as Error).message ?? '')?.[1];
  return position ? source.slice(0, Number(position)).split('\n').length : 1;
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0] ?? 'parse error';
}
