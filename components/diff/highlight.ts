import { markEdits, tokenize, type HunkData, type HunkTokens } from "react-diff-view";
import { refractor } from "refractor/core";
import bash from "refractor/bash";
import c from "refractor/c";
import cpp from "refractor/cpp";
import csharp from "refractor/csharp";
import css from "refractor/css";
import docker from "refractor/docker";
import go from "refractor/go";
import graphql from "refractor/graphql";
import ini from "refractor/ini";
import java from "refractor/java";
import json from "refractor/json";
import kotlin from "refractor/kotlin";
import makefile from "refractor/makefile";
import markdown from "refractor/markdown";
import markup from "refractor/markup";
import php from "refractor/php";
import python from "refractor/python";
import ruby from "refractor/ruby";
import rust from "refractor/rust";
import scss from "refractor/scss";
import sql from "refractor/sql";
import swift from "refractor/swift";
import toml from "refractor/toml";
import tsx from "refractor/tsx";
import yaml from "refractor/yaml";

// A hand-picked set rather than refractor's "common" bundle: the languages agents write here, at about half the size.
// tsx brings jsx, typescript and javascript with it.
for (const syntax of [bash, c, cpp, csharp, css, docker, go, graphql, ini, java, json, kotlin, makefile, markdown, markup, php, python, ruby, rust, scss, sql, swift, toml, tsx, yaml]) {
  refractor.register(syntax);
}

const BY_EXTENSION: Record<string, string> = {
  ts: "typescript", mts: "typescript", cts: "typescript", tsx: "tsx",
  js: "javascript", mjs: "javascript", cjs: "javascript", jsx: "jsx",
  json: "json", jsonc: "json", css: "css", scss: "scss",
  md: "markdown", mdx: "markdown", html: "markup", htm: "markup", xml: "markup", svg: "markup", vue: "markup",
  py: "python", go: "go", rs: "rust", rb: "ruby", php: "php", java: "java", kt: "kotlin", kts: "kotlin", swift: "swift",
  c: "c", h: "c", cc: "cpp", cpp: "cpp", hpp: "cpp", cs: "csharp",
  sh: "bash", bash: "bash", zsh: "bash", sql: "sql", graphql: "graphql", gql: "graphql",
  yml: "yaml", yaml: "yaml", toml: "toml", ini: "ini", cfg: "ini", env: "bash",
};
const BY_NAME: Record<string, string> = { Dockerfile: "docker", Makefile: "makefile", ".bashrc": "bash", ".env": "bash" };

/** The refractor language of a file, by its name; null for anything it would only guess at (shown plain). */
export function languageOf(path: string): string | null {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (BY_NAME[name]) return BY_NAME[name];
  const dot = name.lastIndexOf(".");
  const language = dot > 0 ? BY_EXTENSION[name.slice(dot + 1).toLowerCase()] : undefined;
  return language && refractor.registered(language) ? language : null;
}

// Past this many changed lines a file is shown without word-level edit marks: diffing every pair of lines costs more
// than it helps in a change that size.
const MAX_LINES_FOR_EDIT_MARKS = 1_000;

/**
 * Syntax tokens for a file's hunks, with the words that changed inside a changed line marked. refractor 5 returns a
 * hast root where react-diff-view (written for refractor 3) expects the root's children, hence the adapter.
 * Highlighting is an aid, so any failure leaves the file as plain text rather than breaking the diff.
 */
export function tokenizeHunks(hunks: HunkData[], path: string): HunkTokens | null {
  const language = languageOf(path);
  const changedLines = hunks.reduce((sum, hunk) => sum + hunk.changes.length, 0);
  const enhancers = changedLines <= MAX_LINES_FOR_EDIT_MARKS ? [markEdits(hunks, { type: "block" })] : [];
  try {
    if (!language) return enhancers.length > 0 ? tokenize(hunks, { enhancers }) : null;
    const highlighter = { highlight: (text: string, lang: string) => refractor.highlight(text, lang).children };
    return tokenize(hunks, { highlight: true, refractor: highlighter, language, enhancers });
  } catch {
    return null;
  }
}
