// SCEP Doctor page script. It runs in the same inline module as the
// wasm-bindgen glue (the build concatenates them), so `__wbg_init`,
// `analyze`, `sourceText`, `renderReport`, `renderRaw` and `samples` are in
// scope, `WASM_GZIP_BASE64` holds the WebAssembly module (gzipped) and `GLUE_SOURCE` the glue
// as text (for the analysis worker).
//
// Log text never reaches the DOM from here except through textContent; the
// report itself is rendered by the Rust side with text nodes only.

const $ = (id) => document.getElementById(id);

/** Inputs larger than this are analyzed in a Worker, so the tab stays responsive. */
const WORKER_THRESHOLD = 512 * 1024;

/** The worker runs the same glue (as a classic script); it gets the compiled module by message. */
const WORKER_MAIN = `
let ready = null;
self.onmessage = async (e) => {
  const { id, module, sources } = e.data;
  try {
    ready ??= __wbg_init({ module_or_path: module });
    await ready;
    self.postMessage({ id, report: analyze(sources) });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};`;

let wasmModule = null;
let worker = null;
const pending = new Map();
let nextId = 0;

function analyzeInWorker(sources) {
  if (!worker) {
    const url = URL.createObjectURL(new Blob([GLUE_SOURCE, WORKER_MAIN], { type: "text/javascript" }));
    worker = new Worker(url);
    worker.onmessage = (e) => {
      const waiting = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!waiting) return;
      if (e.data.error) waiting.reject(new Error(e.data.error));
      else waiting.resolve(e.data.report);
    };
    worker.onerror = (e) => {
      for (const waiting of pending.values()) waiting.reject(new Error(e.message || "the analysis worker failed"));
      pending.clear();
      worker = null;
    };
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, module: wasmModule, sources });
  });
}

/** Big inputs go to the worker (falling back to this thread if it cannot start). */
async function analyzeSources(sources) {
  const size = sources.reduce((n, s) => n + (typeof s.bytes === "string" ? s.bytes.length : s.bytes.byteLength), 0);
  if (size > WORKER_THRESHOLD && typeof Worker === "function") {
    try {
      const report = await analyzeInWorker(sources);
      document.documentElement.dataset.analysis = "worker";
      return report;
    } catch (e) {
      console.warn("analysis worker unavailable, analyzing on the page:", e);
    }
  }
  document.documentElement.dataset.analysis = "page";
  return analyze(sources);
}

// ---- Languages -------------------------------------------------------------

const LANG_KEY = "scep-doctor.lang";
let lang = "en";
let strings = {};

/** The UI string `key`, with `{name}` placeholders filled from `params`. */
function t(key, params = {}) {
  let text = strings[key] ?? key;
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** `#lang=ja&embed` → Map; deep state only (never log data). */
function fragmentParams() {
  return new URLSearchParams(location.hash.replace(/^#/, ""));
}

function storedLang() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

/** URL fragment, then the remembered choice, then the browser's languages. */
function initialLang() {
  const fromUrl = fragmentParams().get("lang");
  if (fromUrl) return pickLang(fromUrl);
  const stored = storedLang();
  if (stored) return pickLang(stored);
  for (const tag of navigator.languages?.length ? navigator.languages : [navigator.language]) {
    const picked = pickLang(tag);
    if (picked === "ja" || tag?.toLowerCase().startsWith("en")) return picked;
  }
  return "en";
}

function applyLang(next, remember = false) {
  lang = pickLang(next);
  strings = uiStrings(lang);
  if (remember) {
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // Storage may be off (private mode, some file:// setups): the choice just isn't kept.
    }
  }
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-aria-label]")) el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder));
  for (const b of document.querySelectorAll("button[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  if (state.report) {
    renderReport(state.report, $("report"), lang);
    updateErrorCount();
  }
  if (state.status) setStatus(state.status.key, state.status.params);
  if (!$("raw").hidden && state.rawAt) openRaw(state.rawAt.source, state.rawAt.line, false);
}

const state = {
  /** @type {{name: string, bytes: Uint8Array|string, paste?: boolean}[]} */
  sources: [],
  texts: new Map(),
  report: null,
  errors: [],
  errorIndex: -1,
};

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Unpacks gzip with the browser's own decompressor (no network involved). */
async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer();
}

/** Shows a status message by key (kept, so a language switch re-renders it). */
function setStatus(key, params = {}) {
  state.status = key ? { key, params } : null;
  $("status").textContent = key ? t(key, params) : "";
}

function busy(on) {
  $("progress").hidden = !on;
  document.body.setAttribute("aria-busy", on ? "true" : "false");
}

let runs = 0;

/** Re-analyzes every source and renders the report. */
async function run() {
  state.texts.clear();
  closeRaw();
  if (state.sources.length === 0) {
    state.report = null;
    $("report").textContent = "";
    $("errnav").hidden = true;
    $("share").hidden = true;
    setStatus(null);
    return;
  }
  busy(true);
  setStatus("page.analyzing");
  // Let the browser paint the progress bar before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const started = performance.now();
  const run = ++runs;
  try {
    const report = await analyzeSources(state.sources.map(({ name, bytes }) => ({ name, bytes })));
    // A newer run started meanwhile: its result wins.
    if (run !== runs) return;
    state.report = report;
    renderReport(state.report, $("report"), lang);
    $("share").hidden = false;
    $("md-out").hidden = true;
    collectErrors();
    const ms = Math.round(performance.now() - started);
    const certs = state.report.platforms.reduce((n, p) => n + p.certificates.length, 0);
    setStatus("page.analyzed", { sources: state.sources.length, ms, certs });
  } catch (e) {
    if (run !== runs) return;
    $("report").textContent = "";
    setStatus("page.failed", { error: String(e) });
  } finally {
    if (run === runs) busy(false);
  }
}

/** Every line that shows an error, in source and line order. */
function collectErrors() {
  const seen = new Set();
  const errors = [];
  const add = (source, line) => {
    const key = `${source}:${line}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push({ source, line });
    }
  };
  for (const p of state.report.platforms) {
    for (const c of p.certificates) {
      for (const t of c.timeline) if (t.outcome === "failed") add(t.source, t.line);
      for (const f of c.findings) if (f.severity === "error") for (const e of f.evidence) add(e.source, e.line);
    }
  }
  errors.sort((a, b) => a.source - b.source || a.line - b.line);
  state.errors = errors;
  state.errorIndex = -1;
  $("errnav").hidden = errors.length === 0;
  updateErrorCount();
}

function updateErrorCount() {
  const n = state.errors.length;
  $("error-count").textContent =
    state.errorIndex < 0 ? t("page.error-lines", { n }) : t("page.error-of", { i: state.errorIndex + 1, n });
}

// ---- Share -------------------------------------------------------------------

/** The Markdown summary of the current report, as exported. */
function exportMarkdown() {
  return state.report ? reportMarkdown(state.report, lang, $("redact").checked) : "";
}

/** The report document, as exported. */
function exportJson() {
  return state.report ? reportJson(state.report, lang, $("redact").checked) : "";
}

async function copyMarkdown() {
  const md = exportMarkdown();
  state.lastCopied = md;
  const out = $("md-out");
  try {
    await navigator.clipboard.writeText(md);
    out.hidden = true;
    setStatus("page.copied");
  } catch {
    // No clipboard permission (or an old browser): show it selected instead.
    out.value = md;
    out.hidden = false;
    out.focus();
    out.select();
    setStatus("page.copy-failed");
  }
}

function downloadJson() {
  const name = "scep-doctor-report.json";
  const url = URL.createObjectURL(new Blob([exportJson()], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  setStatus("page.downloaded", { name });
}

/** Print → PDF shows everything: closed timelines open for the printout. */
function wirePrint() {
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll("#report details:not([open])"));
    for (const d of opened) d.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const d of opened) d.open = false;
    opened = [];
  });
}

/** Decoded text of report source `index` (a zip member is found by expanding its archive again). */
function rawText(index) {
  if (!state.texts.has(index)) {
    state.texts.set(index, sourceText(state.sources.map(({ name, bytes }) => ({ name, bytes })), index));
  }
  return state.texts.get(index);
}

function openRaw(source, line, focus = true) {
  const src = state.report?.sources[source];
  if (!src) return;
  state.rawAt = { source, line };
  const marked = state.errors.filter((e) => e.source === source).map((e) => e.line);
  renderRaw($("raw-body"), src.name, rawText(source), line, Uint32Array.from(marked), lang);
  $("raw").hidden = false;
  document.querySelector(".layout").classList.add("with-raw");
  const target = document.getElementById("raw-target");
  if (target) target.scrollIntoView({ block: "center" });
  if (focus) {
    if (!$("raw").contains(document.activeElement)) state.returnFocus = document.activeElement;
    $("raw").focus?.();
  }
}

function closeRaw() {
  const hadFocus = $("raw").contains(document.activeElement);
  if (hadFocus && state.returnFocus?.isConnected) state.returnFocus.focus();
  state.returnFocus = null;
  $("raw").hidden = true;
  document.querySelector(".layout").classList.remove("with-raw");
}

function gotoError(delta) {
  if (state.errors.length === 0) return;
  const n = state.errors.length;
  state.errorIndex = (state.errorIndex + delta + n) % n;
  const e = state.errors[state.errorIndex];
  updateErrorCount();
  openRaw(e.source, e.line);
}

async function addFiles(fileList) {
  const files = Array.from(fileList || []);
  if (files.length === 0) return;
  busy(true);
  setStatus("page.reading", { n: files.length });
  for (const file of files) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    state.sources.push({ name: file.name, bytes });
  }
  await run();
}

let pasteTimer = 0;
function onPaste() {
  clearTimeout(pasteTimer);
  pasteTimer = setTimeout(() => {
    const text = $("paste").value;
    const i = state.sources.findIndex((s) => s.paste);
    if (text.trim() === "") {
      if (i >= 0) state.sources.splice(i, 1);
    } else if (i >= 0) {
      state.sources[i].bytes = text;
    } else {
      state.sources.push({ name: "pasted text", bytes: text, paste: true });
    }
    run();
  }, 250);
}

function wire() {
  $("paste").addEventListener("input", onPaste);
  $("files").addEventListener("change", (e) => {
    addFiles(e.target.files);
    e.target.value = "";
  });
  $("clear").addEventListener("click", () => {
    state.sources = [];
    $("paste").value = "";
    run();
  });
  $("prev-error").addEventListener("click", () => gotoError(-1));
  $("next-error").addEventListener("click", () => gotoError(1));
  $("raw-close").addEventListener("click", closeRaw);
  $("copy-md").addEventListener("click", copyMarkdown);
  $("download-json").addEventListener("click", downloadJson);
  $("print").addEventListener("click", () => window.print());
  wirePrint();
  window.addEventListener("hashchange", () => {
    const fromUrl = fragmentParams().get("lang");
    if (fromUrl) applyLang(fromUrl);
  });
  for (const b of document.querySelectorAll("button[data-lang]")) {
    b.addEventListener("click", () => applyLang(b.dataset.lang, true));
  }

  // Evidence buttons and "remove source" buttons are rendered by Rust; one
  // delegated listener handles them by their data attributes.
  $("report").addEventListener("click", (e) => {
    const target = e.target instanceof Element ? e.target.closest("button") : null;
    if (!target) return;
    if (target.dataset.remove !== undefined) {
      // A zip member goes with its whole archive (the input it came from).
      const input = state.report?.sources[Number(target.dataset.remove)]?.input ?? Number(target.dataset.remove);
      const [removed] = state.sources.splice(input, 1);
      if (removed?.paste) $("paste").value = "";
      run();
    } else if (target.dataset.line !== undefined) {
      openRaw(Number(target.dataset.source), Number(target.dataset.line));
    }
  });

  let depth = 0;
  document.addEventListener("dragenter", (e) => {
    e.preventDefault();
    depth++;
    document.body.classList.add("dragging");
  });
  document.addEventListener("dragleave", () => {
    if (--depth <= 0) document.body.classList.remove("dragging");
  });
  document.addEventListener("dragover", (e) => e.preventDefault());
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    depth = 0;
    document.body.classList.remove("dragging");
    addFiles(e.dataTransfer?.files);
  });

  document.addEventListener("keydown", (e) => {
    const typing = e.target instanceof HTMLElement && e.target.closest("textarea, input");
    if (e.key === "Escape") closeRaw();
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "n" || e.key === "j") gotoError(1);
    if (e.key === "p" || e.key === "k") gotoError(-1);
  });
}

function setupSamples() {
  const names = { android: "Android", ios: "iOS", windows: "Windows" };
  for (const sample of samples()) {
    const b = document.createElement("button");
    b.type = "button";
    b.dataset.sample = sample.platform;
    b.textContent = names[sample.platform] || sample.platform;
    b.addEventListener("click", () => {
      state.sources.push({ name: sample.name, bytes: sample.text });
      run();
    });
    $("samples").appendChild(b);
  }
}

// ---- Embed -------------------------------------------------------------------

/** `?embed` or `#embed`: compact layout for an iframe, which posts its height. */
function isEmbedded() {
  return new URLSearchParams(location.search).has("embed") || fragmentParams().has("embed");
}

function setupEmbed() {
  if (!isEmbedded()) return;
  document.documentElement.classList.add("embed");
  document.documentElement.dataset.embed = "true";
  if (window.parent === window) return;
  let last = -1;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // Only a number leaves the frame: never log data.
    window.parent.postMessage({ type: "scep-doctor:height", height }, "*");
  };
  if (typeof ResizeObserver === "function") new ResizeObserver(post).observe(document.documentElement);
  else window.addEventListener("resize", post);
  post();
}

async function start() {
  try {
    wasmModule = await WebAssembly.compile(await gunzip(base64ToBytes(WASM_GZIP_BASE64)));
    await __wbg_init({ module_or_path: wasmModule });
  } catch (e) {
    $("status").textContent = `This browser could not start SCEP Doctor: ${e}`;
    return;
  }
  setupEmbed();
  applyLang(initialLang());
  setupSamples();
  wire();
  // A small API for people who script the page.
  window.scepDoctor = {
    analyze: (sources) => analyze(sources),
    addSource: (name, bytes) => {
      state.sources.push({ name, bytes });
      return run();
    },
    /** What "Copy as Markdown" and "Download JSON" export right now. */
    markdown: () => exportMarkdown(),
    json: () => exportJson(),
    lastCopied: () => state.lastCopied ?? null,
  };
  document.documentElement.dataset.ready = "true";
}

start();
