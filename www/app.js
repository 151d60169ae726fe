// SCEP Doctor page script. The build puts it in an inline module after the
// wasm-bindgen glue, which runs before it as a classic script, so the glue's
// `__wbg_init`, `Analysis`, `analyze`, `utcOffset`, `sourceText`,
// `renderReport`, `renderRaw`, `renderCited`, `renderExplanation`, `uiText`,
// `errorLines` and `samples` are globals here, and so are www/unpack.js's
// `unpackWasm`; `WASM_BLOCK` is the data block that holds the WebAssembly
// module, `ZSTD_BLOCK` the one that holds the zstd decoder that unpacks it,
// and `GLUE_SOURCE` the glue's text (read back from its script element, for
// the analysis worker).
//
// Log text never reaches the DOM from here except through textContent; the
// report itself is rendered by the Rust side with text nodes only.

const $ = (id) => document.getElementById(id);

/** Files are read in slices of this size. */
const CHUNK = 8 * 1024 * 1024;

/**
 * Slices the page reads ahead of the worker: reading a file is work for the
 * thread that reads it, so the page reads while the worker analyzes (when
 * the worker read them itself, a 100 MB log waited about 0.3 s for its
 * slices), and at most this many wait unanalyzed.
 */
const AHEAD = 2;

/** Inputs bigger than this are not kept as text: their raw view shows the cited lines only. */
const KEEP_TEXT_LIMIT = 32 * 1024 * 1024;

/**
 * Feeds `sources` (`{name, size, pieces}`, `pieces` giving the input's bytes
 * as `Uint8Array`s, in order, or the input's whole `Blob` for a binary event
 * log) into `analysis` (an `Analysis`), calling `progress(done, total,
 * index)` as it goes, and returns `analysis.finish()` (`{report, lines}`).
 * It runs in the worker (its source is copied there) and, when no worker can
 * start, on the page.
 */
async function streamSources(analysis, sources, progress) {
  const total = sources.reduce((n, s) => n + s.size, 0);
  let done = 0;
  for (const [index, { name, pieces }] of sources.entries()) {
    progress(done, total, index);
    analysis.begin(name);
    for await (const piece of pieces) {
      if (piece instanceof Blob) {
        // A `.evtx` file, read where it lies (FileReaderSync: workers only),
        // so it is never held whole. Its reader goes through the file twice
        // (every chunk's header to find the oldest, then the chunks): half
        // of what it has read is the progress.
        const file = new FileReaderSync();
        let read = 0;
        analysis.readEvtx((at, length) => {
          const bytes = new Uint8Array(file.readAsArrayBuffer(piece.slice(at, at + length)));
          read += bytes.length;
          progress(done + Math.min(read / 2, piece.size), total, index);
          return bytes;
        }, piece.size);
        done += piece.size;
      } else {
        analysis.feed(piece);
        done += piece.length;
      }
      progress(done, total, index);
    }
  }
  return analysis.finish();
}

/** Whether `blob` is a binary Windows event log (it starts `ElfFile\0`). */
async function isEvtx(blob) {
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  return String.fromCharCode(...head) === "ElfFile\0";
}

/** `blob` in slices of `CHUNK` bytes, each read when it is asked for. */
async function* slices(blob) {
  for (let at = 0; at < blob.size; at += CHUNK) {
    yield new Uint8Array(await blob.slice(at, at + CHUNK).arrayBuffer());
  }
}

/**
 * How long, at most, the worker warms up after it starts: it analyzes the
 * built-in logs over and over, so that the first input finds the rules'
 * patterns compiled and the hot code optimized (the browser runs new
 * WebAssembly in a quick baseline tier until a function has run enough).
 * It yields after each log, and an input ends it.
 */
const WARM_UP_MS = 1500;

/** The worker runs the same glue (as a classic script); it gets the compiled module by message. */
const WORKER_MAIN = `
const WARM_UP_MS = ${WARM_UP_MS};
${streamSources}
let ready = null;
/** Whether no input has come yet. */
let idle = true;
/** The slices the page sent (\`{index, piece}\`, \`{index, last}\` after an input's last, \`{index, error}\`) and not yet analyzed. */
const queue = [];
let arrived = null;
/** The next input's slices as they arrive (in order, each input's closed by \`last\`). */
async function* received() {
  for (;;) {
    while (!queue.length) await new Promise((resolve) => (arrived = resolve));
    const { piece, file, last, error } = queue.shift();
    if (error) throw new Error(error);
    if (last) return;
    yield file ?? new Uint8Array(piece);
  }
}
async function warmUp() {
  const encoder = new TextEncoder();
  const logs = warmUpSources().map(({ name, text }) => ({ name, bytes: encoder.encode(text) }));
  const until = performance.now() + WARM_UP_MS;
  while (idle && performance.now() < until) {
    for (const { name, bytes } of logs) {
      const analysis = new Analysis();
      analysis.begin(name);
      analysis.feed(bytes);
      analysis.finish();
      // An input's message comes in here.
      await new Promise((resolve) => setTimeout(resolve));
      if (!idle) return;
    }
  }
}
self.onmessage = async (e) => {
  if (e.data.index !== undefined) {
    queue.push(e.data);
    arrived?.();
    return;
  }
  const { module, sources, offset } = e.data;
  if (sources) idle = false;
  try {
    ready ??= __wbg_init({ module_or_path: module });
    await ready;
    if (!sources) {
      await warmUp();
      return;
    }
    self.postMessage({ started: true });
    const progress = (done, total, index) => self.postMessage({ progress: { done, total, index } });
    const analysis = new Analysis();
    if (offset) analysis.setDeviceUtcOffset(offset);
    const inputs = sources.map(({ name, size }) => ({ name, size, pieces: received() }));
    self.postMessage({ result: await streamSources(analysis, inputs, progress) });
  } catch (err) {
    self.postMessage({ error: String(err) });
  }
};`;

let wasmModule = null;
let workerUrl = null;
let worker = null;
/** The analysis the worker is running: `{resolve, reject, progress, started, done, analyzed}`. */
let job = null;

/** Marks an error that means "no worker here", not "the analysis failed". */
class WorkerUnavailable extends Error {}

/** Stops the worker and whatever it was analyzing; the next analysis starts a fresh one. */
function stopWorker(reason) {
  worker?.terminate();
  worker = null;
  const stopped = job;
  job = null;
  stopped?.reject(reason);
}

function startWorker() {
  workerUrl ??= URL.createObjectURL(new Blob([GLUE_SOURCE, WORKER_MAIN], { type: "text/javascript" }));
  const w = new Worker(workerUrl);
  w.onmessage = (e) => {
    if (w !== worker || !job) return;
    const { started, progress, result, error } = e.data;
    if (started) job.started = true;
    else if (progress) {
      job.done = progress.done;
      job.analyzed?.();
      job.progress(progress.done, progress.total, progress.index);
    }
    else if (result) {
      job.resolve(result);
      job = null;
    } else stopWorker(job.started ? new Error(error) : new WorkerUnavailable(error));
  };
  w.onerror = (e) => {
    e.preventDefault();
    if (w !== worker) return;
    const message = e.message || "the analysis worker failed";
    stopWorker(job?.started ? new Error(message) : new WorkerUnavailable(message));
  };
  return w;
}

/** Starts the worker ahead of the first input, so even that is quick. */
function warmWorker() {
  if (worker || typeof Worker !== "function") return;
  try {
    worker = startWorker();
    worker.postMessage({ module: wasmModule });
  } catch {
    // The first analysis tries again and falls back to this thread.
  }
}

function analyzeInWorker(sources, progress, offset) {
  return new Promise((resolve, reject) => {
    try {
      worker ??= startWorker();
    } catch (e) {
      reject(new WorkerUnavailable(String(e)));
      return;
    }
    const mine = { resolve, reject, progress, started: false, done: 0, analyzed: null };
    job = mine;
    const inputs = sources.map(({ name, blob }) => ({ name, size: blob.size }));
    worker.postMessage({ module: wasmModule, sources: inputs, offset });
    sendSlices(worker, mine, sources);
  });
}

/** Reads `sources` on this thread and sends their slices to `w` for `mine`, while it is the job. */
async function sendSlices(w, mine, sources) {
  const current = () => worker === w && job === mine;
  let sent = 0;
  for (const [index, { blob }] of sources.entries()) {
    try {
      if (await isEvtx(blob)) {
        if (!current()) return;
        // The worker reads it where it lies (the Blob is a handle, not a copy).
        w.postMessage({ index, file: blob });
        sent += blob.size;
      } else for await (const piece of slices(blob)) {
        if (!current()) return;
        // Counted before it is handed over: the transfer empties it here.
        sent += piece.byteLength;
        w.postMessage({ index, piece: piece.buffer }, [piece.buffer]);
        while (current() && sent - mine.done >= AHEAD * CHUNK) {
          await new Promise((resolve) => (mine.analyzed = resolve));
        }
      }
      w.postMessage({ index, last: true });
    } catch (e) {
      // The file changed or went away: the worker reports the error.
      if (current()) w.postMessage({ index, error: String(e) });
      return;
    }
  }
}

/** Streams the sources into the worker (on this thread if none can start): `{report, lines}`. */
async function analyzeSources(sources, progress) {
  const offset = deviceOffset();
  if (typeof Worker === "function") {
    try {
      const result = await analyzeInWorker(sources, progress, offset);
      document.documentElement.dataset.analysis = "worker";
      return result;
    } catch (e) {
      if (!(e instanceof WorkerUnavailable)) throw e;
      console.warn("analysis worker unavailable, analyzing on the page:", e.message);
    }
  }
  document.documentElement.dataset.analysis = "page";
  const analysis = new Analysis();
  if (offset) analysis.setDeviceUtcOffset(offset);
  const inputs = sources.map(({ name, blob }) => ({ name, size: blob.size, pieces: slices(blob) }));
  return streamSources(analysis, inputs, progress);
}

/**
 * The device's UTC offset from its box (`+09:00`), or "" when the box is
 * empty or not an offset (then marked invalid). Never guessed: only what the
 * admin types joins device times without a zone to the server's UTC.
 */
function deviceOffset() {
  const box = $("device-offset");
  const typed = box.value.trim();
  const offset = typed ? utcOffset(typed) ?? "" : "";
  box.setAttribute("aria-invalid", String(typed !== "" && offset === ""));
  return offset;
}

// ---- Languages -------------------------------------------------------------

const LANG_KEY = "scep-doctor.lang";
let lang = "en";

/** The UI string `key` in the current language, filled from `params` by the core. */
function t(key, params = {}) {
  return uiText(key, params, lang);
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
  if ($("lookup-out").childElementCount) lookup();
  if (!$("raw").hidden && state.rawAt) openRaw(state.rawAt.source, state.rawAt.line, false);
}

const state = {
  /**
   * The inputs: a dropped or chosen `File` is kept as the file itself (read
   * in slices, never whole), pasted text and samples as a `Blob`.
   * @type {{name: string, blob: Blob, paste?: string}[]}
   */
  sources: [],
  /** The sources of the report shown (a cancelled analysis goes back to them). */
  analyzed: [],
  /** The text of every line the report cites: `[{source, line, text}]`. */
  cited: [],
  /** The decoded text last shown in the raw view: `{report, source, text}`. */
  text: null,
  report: null,
  errors: [],
  errorIndex: -1,
};

/** Shows a status message by key (kept, so a language switch re-renders it). */
function setStatus(key, params = {}) {
  state.status = key ? { key, params } : null;
  $("status").textContent = key ? t(key, params) : "";
}

function busy(on) {
  $("progress").hidden = !on;
  document.body.setAttribute("aria-busy", on ? "true" : "false");
  if (on) showProgress(0, 0, "");
}

/** `1234567` → `1.2 MB` in the page's language. */
/** Number formats by language and digits, each made once: making one loads ICU's data. */
const numberFormats = new Map();

function formatSize(bytes) {
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, "KB"] : [bytes / 1e6, "MB"];
  const digits = value < 100 ? 1 : 0;
  const key = `${lang} ${digits}`;
  if (!numberFormats.has(key)) numberFormats.set(key, new Intl.NumberFormat(lang, { maximumFractionDigits: digits }));
  return `${numberFormats.get(key).format(value)} ${unit}`;
}

function showProgress(done, total, name) {
  const bar = $("progress-bar");
  bar.max = Math.max(total, 1);
  bar.value = done;
  const text = name ? t("page.progress", { name, done: formatSize(done), total: formatSize(total) }) : "";
  $("progress-text").textContent = text;
  if (text) bar.setAttribute("aria-valuetext", text);
  else bar.removeAttribute("aria-valuetext");
}

/** Thrown into a superseded or cancelled analysis. */
const STOPPED = new Error("stopped");

let runs = 0;
let running = false;

/** Re-analyzes every source and renders the report. */
async function run() {
  const run = ++runs;
  // A newer run supersedes the one in flight: stop it rather than wait.
  if (running) stopWorker(STOPPED);
  closeRaw();
  if (state.sources.length === 0) {
    running = false;
    busy(false);
    showReport(null, [], []);
    setStatus(null);
    return;
  }
  running = true;
  busy(true);
  setStatus("page.analyzing");
  // For bench/budgets.mjs: an input chosen (this runs in its change or drop
  // event) to the frame that shows its verdict (`scep-doctor:shown`).
  performance.mark("scep-doctor:analyze");
  const started = performance.now();
  const sources = state.sources.slice();
  const progress = (done, total, index) => {
    // On the page (no worker) this is how a stale analysis stops.
    if (run !== runs) throw STOPPED;
    showProgress(done, total, sources[index]?.name ?? "");
  };
  try {
    const { report, lines } = await analyzeSources(
      sources.map(({ name, blob }) => ({ name, blob })),
      progress,
    );
    // A newer run started meanwhile: its result wins.
    if (run !== runs) return;
    // WebAssembly memory never shrinks: after a big input, a fresh worker gives it back.
    if (sources.some((s) => s.blob.size > KEEP_TEXT_LIMIT)) {
      stopWorker(STOPPED);
      warmWorker();
    }
    showReport(report, lines, sources);
    // After the next frame is drawn.
    requestAnimationFrame(() => setTimeout(() => performance.mark("scep-doctor:shown")));
    const ms = Math.round(performance.now() - started);
    const certs = state.report.platforms.reduce((n, p) => n + p.certificates.length, 0);
    setStatus("page.analyzed", { sources: state.sources.length, ms, certs });
  } catch (e) {
    if (run !== runs) return;
    // Out of memory or a crashed worker: back to what was shown before.
    stopWorker(STOPPED);
    restoreAnalyzed();
    setStatus("page.failed", { error: String(e) });
  } finally {
    if (run === runs) {
      running = false;
      busy(false);
    }
  }
}

/** Shows `report` (or none) for `sources`, keeping the cited lines for the raw view. */
function showReport(report, lines, sources) {
  state.report = report;
  state.cited = lines;
  state.analyzed = sources;
  $("md-out").hidden = true;
  if (!report) {
    $("report").textContent = "";
    $("errnav").hidden = true;
    $("share").hidden = true;
    return;
  }
  renderReport(report, $("report"), lang);
  $("share").hidden = false;
  collectErrors();
}

/** The sources go back to those of the report shown (after a cancel or a failure). */
function restoreAnalyzed() {
  state.sources = state.analyzed.slice();
  $("paste").value = state.sources.find((s) => s.paste !== undefined)?.paste ?? "";
}

/** Cancel: stops the analysis; the page is as it was before it started. */
function cancel() {
  if (!running) return;
  runs++;
  running = false;
  const hadFocus = $("progress").contains(document.activeElement);
  stopWorker(STOPPED);
  warmWorker();
  restoreAnalyzed();
  busy(false);
  setStatus("page.cancelled");
  if (hadFocus) $("files").focus();
}

/** Every line that shows an error, in source and line order (the core's query). */
function collectErrors() {
  const errors = errorLines(state.report);
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

/**
 * Decoded text of report source `index`, read again from its input (a zip
 * member is found by expanding its archive again). Only the last one is kept.
 */
async function rawText(index) {
  const report = state.report;
  if (state.text?.report !== report || state.text.source !== index) {
    const input = report.sources[index].input;
    const { name, blob } = state.analyzed[input];
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const member = index - report.sources.findIndex((s) => s.input === input);
    const text = sourceText([{ name, bytes }], member);
    if (state.report === report) state.text = { report, source: index, text };
    return text;
  }
  return state.text.text;
}

let rawOpens = 0;

/**
 * Opens the raw view at `line` of report source `source`: the lines around
 * it, or for an input too big to keep, the lines the report cites.
 */
async function openRaw(source, line, focus = true) {
  const src = state.report?.sources[source];
  const input = state.analyzed[src?.input];
  if (!src || !input) return;
  const opened = ++rawOpens;
  state.rawAt = { source, line };
  const marked = Uint32Array.from(state.errors.filter((e) => e.source === source).map((e) => e.line));
  if (input.blob.size > KEEP_TEXT_LIMIT) {
    const lines = state.cited.filter((l) => l.source === source);
    renderCited($("raw-body"), src.name, lines, src.lines, line, marked, lang);
  } else {
    let text;
    try {
      text = await rawText(source);
    } catch (e) {
      // The file changed or went away since it was analyzed.
      setStatus("page.failed", { error: String(e) });
      return;
    }
    if (opened !== rawOpens) return;
    renderRaw($("raw-body"), src.name, text, line, marked, lang);
  }
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
  rawOpens++;
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

/**
 * Files are kept as `File`s: the analysis reads them slice by slice. A file
 * of a chosen folder is named by its path in the folder.
 */
function addFiles(fileList) {
  addSources(Array.from(fileList || []).map((file) => ({ name: file.webkitRelativePath || file.name, blob: file })));
}

function addSources(sources) {
  if (sources.length === 0) return;
  state.sources.push(...sources);
  run();
}

/**
 * What a drop holds: its files, and every file under a dropped folder (an
 * NDES server's collected logs beside a device's), named by its path in the
 * folder. The entries must be taken while the event lasts; reading them is
 * asynchronous. Items without an entry (a synthetic drop) give their file.
 */
function droppedSources(dataTransfer) {
  const items = Array.from(dataTransfer?.items || []).filter((item) => item.kind === "file");
  if (items.length === 0) {
    return Promise.resolve(Array.from(dataTransfer?.files || []).map((file) => ({ name: file.name, blob: file })));
  }
  const taken = items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  return Promise.all(
    taken.map(({ entry, file }) =>
      entry?.isDirectory ? filesUnder(entry) : Promise.resolve(file ? [{ name: file.name, blob: file }] : []),
    ),
  ).then((lists) => lists.flat());
}

/** Every file under a folder entry, sub-folders included, in name order; what cannot be read is left out. */
async function filesUnder(dir) {
  const reader = dir.createReader();
  const entries = [];
  // Each call gives the next batch (100 in Chromium), an empty one at the end.
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => []);
    if (batch.length === 0) break;
    entries.push(...batch);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out = [];
  for (const entry of entries) {
    if (entry.isDirectory) {
      out.push(...(await filesUnder(entry)));
    } else if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject)).catch(() => null);
      if (file) out.push({ name: entry.fullPath.replace(/^\//, ""), blob: file });
    }
  }
  return out;
}

let pasteTimer = 0;
function onPaste() {
  clearTimeout(pasteTimer);
  pasteTimer = setTimeout(() => {
    const text = $("paste").value;
    const i = state.sources.findIndex((s) => s.paste !== undefined);
    if (text.trim() === "") {
      if (i >= 0) state.sources.splice(i, 1);
    } else {
      // A new object: the one of the report shown stays as it was (see cancel).
      const paste = { name: "pasted text", blob: new Blob([text]), paste: text };
      if (i >= 0) state.sources[i] = paste;
      else state.sources.push(paste);
    }
    run();
  }, 250);
}

/** The lookup box: the code (or pasted line) explained below it, by the Rust side. */
function lookup() {
  renderExplanation($("lookup-out"), $("lookup").value, lang);
}

function wire() {
  $("paste").addEventListener("input", onPaste);
  $("files").addEventListener("change", (e) => {
    addFiles(e.target.files);
    e.target.value = "";
  });
  $("folder").addEventListener("change", (e) => {
    addFiles(e.target.files);
    e.target.value = "";
  });
  $("clear").addEventListener("click", () => {
    state.sources = [];
    $("paste").value = "";
    run();
  });
  $("device-offset").addEventListener("change", () => {
    deviceOffset();
    if (state.sources.length) run();
  });
  $("lookup-go").addEventListener("click", lookup);
  $("lookup").addEventListener("keydown", (e) => {
    if (e.key === "Enter") lookup();
  });
  $("prev-error").addEventListener("click", () => gotoError(-1));
  $("next-error").addEventListener("click", () => gotoError(1));
  $("raw-close").addEventListener("click", closeRaw);
  $("cancel").addEventListener("click", cancel);
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
      const removed = state.analyzed[input];
      state.sources = state.sources.filter((s) => s !== removed);
      if (removed?.paste !== undefined) $("paste").value = "";
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
    droppedSources(e.dataTransfer).then(addSources);
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
      state.sources.push({ name: sample.name, blob: new Blob([sample.text]) });
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

/** Whether WebAssembly SIMD is there: a module of one function that returns a v128. */
function simdSupported() {
  try {
    return WebAssembly.validate(
      new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11]),
    );
  } catch {
    return false;
  }
}

async function start() {
  try {
    // Marks for bench/budgets.mjs, which reports the start-up by phase.
    performance.mark("scep-doctor:script");
    const bytes = await unpackWasm(WASM_BLOCK, ZSTD_BLOCK);
    performance.mark("scep-doctor:unpacked");
    wasmModule = await WebAssembly.compile(bytes);
    performance.mark("scep-doctor:compiled");
    await __wbg_init({ module_or_path: wasmModule });
  } catch (e) {
    // The language tables are in the WebAssembly that did not start: this
    // one message is written here, in both languages.
    const ja = (navigator.language || "").toLowerCase().startsWith("ja");
    const browsers = ja
      ? "Chrome / Edge 91 以降、Firefox 113 以降、Safari 16.4 以降で開いてください。"
      : "open it in Chrome or Edge 91+, Firefox 113+ or Safari 16.4+.";
    $("status").textContent = !simdSupported()
      ? ja
        ? `このブラウザーの WebAssembly は SIMD に対応していないため、SCEP Doctor を起動できません。${browsers}`
        : `This browser's WebAssembly has no SIMD, which SCEP Doctor needs: ${browsers}`
      : typeof DecompressionStream !== "function"
        ? ja
          ? `このブラウザーには DecompressionStream がないため、SCEP Doctor を展開できません。${browsers}`
          : `This browser has no DecompressionStream, which unpacking SCEP Doctor needs: ${browsers}`
        : ja
          ? `このブラウザーでは SCEP Doctor を起動できませんでした: ${e}`
          : `This browser could not start SCEP Doctor: ${e}`;
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
      state.sources.push({ name, blob: new Blob([bytes]) });
      return run();
    },
    /** What "Copy as Markdown" and "Download JSON" export right now. */
    markdown: () => exportMarkdown(),
    json: () => exportJson(),
    lastCopied: () => state.lastCopied ?? null,
  };
  document.documentElement.dataset.ready = "true";
  // For bench/budgets.mjs: navigation start to a usable page.
  performance.mark("scep-doctor:ready");
  warmWorker();
  // The first number format loads ICU's data (25 ms in Chromium, measured
  // when the first file's progress was shown): load it now, while idle.
  setTimeout(() => {
    formatSize(0);
    formatSize(1e6);
  }, 0);
}

start();
