// The search page: a form over POST /api/search, results as file:line headers over highlighted code.
// Self-contained (no libraries): the highlighter knows comments, strings, numbers and common keywords, which is
// enough to read a snippet; words of the query are marked. Every piece of text goes through textContent, never
// innerHTML, so nothing in a file or a query can run as markup.
"use strict";

const KEYWORDS = new Set(("abstract async await break case catch class const continue def default defer do elif else "
  + "enum export extends extern false final finally fn for func function go if impl implements import in instanceof "
  + "interface lambda let match module mut new nil none null package pass private protected pub public raise record "
  + "return self sealed static struct super switch synchronized this throw throws trait true try type typeof use "
  + "val var void while with yield").split(" "));

const HASH_COMMENTS = new Set(["python", "ruby", "bash", "shell", "yaml", "r", "perl", "elixir"]);

// Order matters: comments and strings first, so keywords inside them stay plain. '#' starts a comment only in
// languages where it does (it is C's #include and Rust's #[derive]).
function tokenPattern(hashComments) {
  const comment = String.raw`\/\*[\s\S]*?\*\/|\/\/[^\n]*` + (hashComments ? String.raw`|#[^\n]*` : "");
  const string = String.raw`"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|\`(?:\\.|[^\`\\])*\``;
  return new RegExp("(" + comment + ")|(" + string + ")|(\\b\\d[\\d_.]*[a-zA-Z]*\\b)|([A-Za-z_$][\\w$]*)", "g");
}

const $ = (id) => document.getElementById(id);

function list(value) {
  return value.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function queryTerms(query) {
  return query.toLowerCase().split(/[^a-z0-9_]+/).filter((t) => t.length >= 3);
}

/** Appends `text` to `parent` as highlighted tokens; identifiers containing a query term are marked. */
function highlight(parent, text, language, terms) {
  let last = 0;
  for (const m of text.matchAll(tokenPattern(HASH_COMMENTS.has(language)))) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    const [whole, comment, string, number, word] = m;
    if (comment !== undefined) {
      parent.append(el("span", "tok-com", comment));
    } else if (string !== undefined) {
      parent.append(el("span", "tok-str", string));
    } else if (number !== undefined) {
      parent.append(el("span", "tok-num", number));
    } else if (KEYWORDS.has(word)) {
      parent.append(el("span", "tok-kw", word));
    } else if (terms.some((t) => word.toLowerCase().includes(t))) {
      parent.append(el("mark", null, word));
    } else {
      parent.append(word);
    }
    last = m.index + whole.length;
  }
  if (last < text.length) parent.append(text.slice(last));
}

// The line numbers of the content: its excerpts of the file in order, a gap line between two; without excerpts
// (the file changed since indexing) the stored text, numbered from the matched part.
function lineNumbers(hit, count) {
  if (!hit.excerpts || !hit.excerpts.length) {
    return Array.from({ length: count }, (_, i) => hit.match_start_line + i);
  }
  const numbers = [];
  hit.excerpts.forEach((x, k) => {
    if (k > 0) numbers.push(null);
    for (let n = x.start_line; n <= x.end_line; n++) numbers.push(n);
  });
  return numbers;
}

function renderCode(hit, terms) {
  const pre = el("pre");
  const code = el("code");
  const lines = hit.content.replace(/\n$/, "").split("\n");
  const numbers = lineNumbers(hit, lines.length);
  const part = hit.match_start_line !== hit.start_line || hit.match_end_line !== hit.end_line;
  lines.forEach((line, i) => {
    const n = numbers[i];
    // Only a part of a long entity is marked: a whole entity that matched needs no marking.
    const matched = part && n != null && n >= hit.match_start_line && n <= hit.match_end_line;
    const row = el("span", matched ? "row match" : "row");
    row.append(el("span", "ln", n == null ? "" : String(n)));
    highlight(row, line, hit.language, terms);
    code.append(row);
    if (i < lines.length - 1) code.append("\n");
  });
  pre.append(code);
  return pre;
}

function renderHit(root, hit, terms) {
  const li = el("li", "hit");
  const head = el("div", "hit-head");
  const where = hit.file_path + ":" + hit.start_line + "-" + hit.end_line;
  const link = el("a", "where", where);
  link.href = "file://" + encodeURI(root.replace(/\/$/, "") + "/" + hit.file_path);
  link.title = "open " + root + "/" + hit.file_path + " (line " + hit.start_line + ")";
  const matched = hit.match_start_line !== hit.start_line || hit.match_end_line !== hit.end_line
    ? el("span", "matched", "matched " + hit.match_start_line + "-" + hit.match_end_line) : null;
  head.append(link, el("span", "meta", hit.language + " " + hit.entity_type + (hit.entity_id ? " " + hit.entity_id : "")),
    el("span", "score", "score " + hit.score.toFixed(3)));
  if (matched) head.append(matched);
  li.append(head, renderCode(hit, terms));
  return li;
}

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

async function search() {
  const body = { path: $("path").value.trim(), query: $("query").value.trim() };
  const languages = list($("languages").value);
  const types = list($("types").value);
  if (languages.length) body.languages = languages;
  if (types.length) body.entity_types = types;
  if ($("glob").value.trim()) body.path_glob = $("glob").value.trim();
  if ($("lines").value.trim()) body.lines = $("lines").value.trim();
  if ($("mode").value) body.mode = $("mode").value;
  body.top_k = Number($("topk").value || 10);

  const headers = { "Content-Type": "application/json" };
  const token = $("token").value;
  if (token) {
    headers.Authorization = "Bearer " + token;
    sessionStorage.setItem("code-indexer-token", token);
  }
  // The address bar holds the search, so it can be bookmarked or shared.
  const params = new URLSearchParams({ path: body.path, q: body.query });
  if (languages.length) params.set("lang", languages.join(","));
  if (types.length) params.set("type", types.join(","));
  if (body.path_glob) params.set("glob", body.path_glob);
  if (body.lines) params.set("lines", body.lines);
  if (body.mode) params.set("mode", body.mode);
  if (body.top_k !== 10) params.set("k", String(body.top_k));
  history.replaceState(null, "", "?" + params.toString());
  setStatus("Searching…");
  $("results").replaceChildren();
  const started = performance.now();
  let response;
  let answer;
  try {
    response = await fetch("/api/search", { method: "POST", headers, body: JSON.stringify(body) });
    answer = await response.json();
  } catch (e) {
    setStatus("The server did not answer: " + e.message, true);
    return;
  }
  if (!response.ok) {
    setStatus(answer.error ? answer.error.message : "HTTP " + response.status, true);
    return;
  }
  const hits = answer.queries[0].results;
  const terms = queryTerms(body.query);
  $("results").replaceChildren(...hits.map((h) => renderHit(answer.codebase, h, terms)));
  const took = hits.length + " results in " + Math.round(performance.now() - started) + " ms";
  // While an index run embeds what it stored, every file is found by its words but ranking by meaning is partial.
  const coverage = answer.dense_coverage;
  setStatus(coverage !== undefined && coverage < 1
    ? took + ". Still embedding: " + Math.round(coverage * 100) + "% of the chunks have vectors, so ranking by "
      + "meaning sees only those; every file is already found by its words and names."
    : took);
}

// The codebase field offers what the server has indexed (GET /api/codebases); typing any path still works.
async function listCodebases() {
  const token = $("token").value;
  try {
    const response = await fetch("/api/codebases", { headers: token ? { Authorization: "Bearer " + token } : {} });
    if (!response.ok) return;
    const answer = await response.json();
    $("codebases").replaceChildren(...answer.codebases.map((path) => {
      const option = document.createElement("option");
      option.value = path;
      return option;
    }));
    if (!$("path").value && answer.codebases.length === 1) $("path").value = answer.codebases[0];
  } catch (e) {
    // No list: the field stays free text.
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const saved = sessionStorage.getItem("code-indexer-token");
  if (saved) $("token").value = saved;
  const params = new URLSearchParams(location.search);
  const fields = { path: "path", q: "query", lang: "languages", type: "types", glob: "glob", lines: "lines", k: "topk", mode: "mode" };
  for (const [param, id] of Object.entries(fields)) {
    if (params.has(param)) $(id).value = params.get(param);
  }
  listCodebases();
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  // A shared link (?path=...&q=...) searches at once.
  if ($("path").value && $("query").value) search();
});
