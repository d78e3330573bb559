/* The learner's progress in the static course site: kept in this browser's localStorage, never sent.
 *
 * The records have the shape of a `course export` file's rows (attempts, ratings, reflections), so
 * "Download my answers" writes that format, with its sha256 checksum over the canonical JSON of the
 * payload, and `course class-summary` reads it beside exports from JupyterLab. "Load my answers" checks
 * a file as course/classroom/file_format.py does (format, version, checksum, every row's fields) and
 * refuses a bad or edited file with a message naming the field; nothing kept is touched until the whole
 * file is accepted, and loading only ever adds records.
 *
 * The saved record is versioned (STORE_VERSION). Version 2 added the sittings of the case-judgement test
 * (`judgement`); a version-1 record is read as version 2 with no sittings, every record kept as it was.
 * The sittings have the shape course/judgement/answers.py keeps in JupyterLab:
 *   {version: 1, sittings: {before: {form, answers: {item id: option id}, started_at, finished_at}, after: ...}}
 * Each choice is kept as it is made; a finished sitting is final. An export carries the finished sittings
 * as payload.judgement, in the same shape, as a seminar submission does.
 *
 * Runs in a page (window.CourseProgress) and under node (module.exports), without dependencies.
 */
(function (root, factory) {
  "use strict";
  const api = factory(root);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CourseProgress = api;
})(typeof globalThis !== "undefined" ? globalThis : this, function (root) {
  "use strict";

  const FORMAT = "jane-susan-course-export";
  const VERSION = 1;
  const STORE_VERSION = 2; // 2 added the review queue's `reviews` and the case-judgement test; a version 1 record is upgraded when read
  const JUDGEMENT_VERSION = 1;
  const SITTINGS = ["before", "after"];
  const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
  const MAX_ITEMS = 200;
  const MAX_BYTES = 50 * 1024 * 1024;

  // ------------------------------------------------------------------ SHA-256 (FIPS 180-4)

  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);

  /** Hex SHA-256 of the UTF-8 bytes of `text`. */
  function sha256(text) {
    const bytes = new TextEncoder().encode(text);
    const bitLength = bytes.length * 8;
    const padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[bytes.length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
    view.setUint32(padded.length - 4, bitLength >>> 0);
    const h = new Uint32Array([
      0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]);
    const w = new Uint32Array(64);
    const rotr = (x, n) => (x >>> n) | (x << (32 - n));
    for (let off = 0; off < padded.length; off += 64) {
      for (let i = 0; i < 16; i += 1) w[i] = view.getUint32(off + i * 4);
      for (let i = 16; i < 64; i += 1) {
        const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 64; i += 1) {
        const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
      }
      [a, b, c, d, e, f, g, hh].forEach((v, i) => { h[i] = (h[i] + v) >>> 0; });
    }
    return Array.from(h, (v) => v.toString(16).padStart(8, "0")).join("");
  }

  // ------------------------------------------------------------------ JSON as Python reads it

  /** A number as written in a JSON file: Python reads "2" as an int and "2.0" as a float. */
  class PyNumber {
    constructor(text) {
      this.text = text;
      this.isInt = !/[.eE]/.test(text);
      this.value = Number(text);
    }
  }

  class JsonError extends Error {
    constructor(message, line, column) {
      super(message);
      this.line = line;
      this.column = column;
    }
  }

  /** Parse JSON keeping what Python's json module sees: whole numbers apart from fractions, key order
   * (a repeated key keeps its first place and its last value), and no NaN or Infinity. */
  function parseExact(text) {
    let i = 0;
    const fail = (what) => {
      const before = text.slice(0, i);
      const line = before.split("\n").length;
      const column = i - before.lastIndexOf("\n");
      throw new JsonError(what, line, column);
    };
    const space = () => { while (i < text.length && " \t\n\r".includes(text[i])) i += 1; };
    const expect = (ch) => { if (text[i] !== ch) fail(`Expecting '${ch}' delimiter`); i += 1; };
    let depth = 0;
    function value() {
      space();
      const ch = text[i];
      if (ch === "{") return object();
      if (ch === "[") return array();
      if (ch === '"') return string();
      if (text.startsWith("true", i)) { i += 4; return true; }
      if (text.startsWith("false", i)) { i += 5; return false; }
      if (text.startsWith("null", i)) { i += 4; return null; }
      for (const word of ["NaN", "Infinity", "-Infinity"]) {
        if (text.startsWith(word, i)) throw new JsonError(`the JSON contains ${word}`, null, null);
      }
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail("Expecting value");
      i += m[0].length;
      const n = new PyNumber(m[0]);
      if (!Number.isFinite(n.value)) throw new JsonError(`the number ${m[0].slice(0, 20)} is too large`, null, null);
      return n;
    }
    function nest() {
      depth += 1;
      if (depth > 500) throw new JsonError("the JSON is nested too deeply to be an export", null, null);
    }
    function object() {
      nest();
      i += 1;
      const out = new Map();
      space();
      if (text[i] === "}") { i += 1; depth -= 1; return out; }
      for (;;) {
        space();
        if (text[i] !== '"') fail("Expecting property name enclosed in double quotes");
        const key = string();
        space();
        expect(":");
        out.set(key, value());
        space();
        if (text[i] === "}") { i += 1; depth -= 1; return out; }
        expect(",");
      }
    }
    function array() {
      nest();
      i += 1;
      const out = [];
      space();
      if (text[i] === "]") { i += 1; depth -= 1; return out; }
      for (;;) {
        out.push(value());
        space();
        if (text[i] === "]") { i += 1; depth -= 1; return out; }
        expect(",");
      }
    }
    function string() {
      i += 1;
      let out = "";
      for (;;) {
        if (i >= text.length) fail("Unterminated string starting at");
        const ch = text[i];
        if (ch === '"') { i += 1; return out; }
        if (ch < " ") fail("Invalid control character at");
        if (ch !== "\\") { out += ch; i += 1; continue; }
        const e = text[i + 1];
        const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e in simple) { out += simple[e]; i += 2; continue; }
        if (e !== "u" || !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("Invalid \\escape");
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      }
    }
    const result = value();
    space();
    if (i < text.length) fail("Extra data");
    return result;
  }

  /** Plain JavaScript values from a parseExact tree. */
  function toPlain(node) {
    if (node instanceof PyNumber) return node.value;
    if (node instanceof Map) {
      const out = {};
      node.forEach((v, k) => Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true }));
      return out;
    }
    if (Array.isArray(node)) return node.map(toPlain);
    return node;
  }

  /** A plain value as a parseExact tree (numbers without a fraction count as whole numbers). */
  function fromPlain(value) {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) throw new Error("an export holds only finite numbers");
      return new PyNumber(Number.isInteger(value) ? value.toFixed(0) : String(value));
    }
    if (Array.isArray(value)) return value.map(fromPlain);
    if (value !== null && typeof value === "object") {
      return new Map(Object.keys(value).map((k) => [k, fromPlain(value[k])]));
    }
    return value;
  }

  const byCodePoint = (a, b) => {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  };

  /** Python's json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False). */
  function canonical(node) {
    if (node === null) return "null";
    if (node === true) return "true";
    if (node === false) return "false";
    if (typeof node === "string") return JSON.stringify(node);
    if (node instanceof PyNumber) {
      if (node.isInt) return BigInt(node.text).toString();
      return scoring().reprFloat(node.value);
    }
    if (Array.isArray(node)) return `[${node.map(canonical).join(",")}]`;
    const keys = [...node.keys()].sort(byCodePoint);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(node.get(k))}`).join(",")}}`;
  }

  /** The scoring module (Python's repr of numbers and values): the page loads it first; node requires it. */
  function scoring() {
    return root.CourseScoring || require("./scoring.js");
  }

  /** Hex sha256 of the canonical JSON of a payload (a parseExact tree or plain values). */
  function checksum(payload) {
    const tree = payload instanceof Map ? payload : fromPlain(payload);
    return sha256(canonical(tree));
  }

  // ------------------------------------------------------------------ the export file's checks

  function pyRepr(node) {
    if (node instanceof PyNumber && !node.isInt) return scoring().reprFloat(node.value);
    return scoring().repr(toPlain(node));
  }
  const isStr = (v) => typeof v === "string";
  const isNum = (v) => v instanceof PyNumber;
  const isInt = (v) => v instanceof PyNumber && v.isInt;
  const FIELD = {
    str: [(v) => isStr(v) && v !== "", "a non-empty string"],
    text: [isStr, "a string"],
    optText: [(v) => v === null || isStr(v), "a string or null"],
    optNum: [(v) => v === null || isNum(v), "a number or null"],
    rating: [(v) => isInt(v) && v.value >= -3 && v.value <= 3, "a whole number from -3 to 3"],
    reviewRating: [(v) => isInt(v) && v.value >= 1 && v.value <= 4, "a whole number from 1 (Again) to 4 (Easy)"],
    obj: [(v) => v instanceof Map, "an object"],
    any: [() => true, "any JSON value"],
  };
  const ROWS = {
    attempts: {
      exercise_id: FIELD.str, content_hash: FIELD.text, notebook: FIELD.optText, answer: FIELD.any,
      score: FIELD.optNum, max_score: FIELD.optNum, feedback: FIELD.text, created_at: FIELD.text,
    },
    ratings: {
      exercise_id: FIELD.str, content_hash: FIELD.text, dimension: FIELD.str, event_id: FIELD.str,
      value: FIELD.rating, created_at: FIELD.text,
    },
    reflections: {
      exercise_id: FIELD.str, content_hash: FIELD.text, text: FIELD.text, rubric: FIELD.obj, created_at: FIELD.text,
    },
    // The review queue's history (review.js); exports made before the queue existed have none.
    reviews: {
      exercise_id: FIELD.str, content_hash: FIELD.text, rating: FIELD.reviewRating, reviewed_at: FIELD.str, card: FIELD.obj,
    },
  };
  const OPTIONAL_ROWS = ["reflections", "reviews"];
  const TABLES = ["attempts", "ratings", "reflections", "reviews"];

  /** What is wrong with a block of sittings (plain values), as course.judgement.answers.block_problem says, or null. */
  function judgementProblem(value, finishedOnly = true) {
    const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (!isObj(value) || value.version !== JUDGEMENT_VERSION) return `must be an object with version ${JUDGEMENT_VERSION} and sittings`;
    const rows = value.sittings;
    if (!isObj(rows)) return "sittings must be an object";
    for (const [name, row] of Object.entries(rows)) {
      const where = `sittings.${name}`;
      if (!SITTINGS.includes(name)) return `${where} is not a sitting; the sittings are before and after`;
      if (!isObj(row) || !["A", "B"].includes(row.form)) return `${where}.form must be A or B`;
      const answers = row.answers;
      if (!isObj(answers) || Object.keys(answers).length > MAX_ITEMS) return `${where}.answers must be an object of item id: option id`;
      for (const [item, option] of Object.entries(answers)) {
        if (!(ID.test(item) && typeof option === "string" && ID.test(option))) return `${where}.answers must map item ids to option ids`;
      }
      if ("started_at" in row && typeof row.started_at !== "string") return `${where}.started_at must be a date-time string`;
      const finished = row.finished_at === undefined ? null : row.finished_at;
      if (finished !== null && typeof finished !== "string") return `${where}.finished_at must be a date-time string or null`;
      if (finishedOnly && finished === null) return `${where} is not finished; only finished sittings are shared`;
    }
    const forms = Object.values(rows).map((row) => row.form);
    if (forms.length === 2 && forms[0] === forms[1]) return "both sittings are on the same form; the second sitting takes the other form";
    return null;
  }

  function envelopeProblem(data) {
    if (!(data instanceof Map)) return ["", "the top level must be a JSON object with format, version, payload and checksum"];
    const format = data.get("format");
    if (format !== FORMAT) return ["format", `is ${pyRepr(format === undefined ? null : format)}; a course export has '${FORMAT}'`];
    const version = data.get("version");
    if (!isInt(version)) return ["version", `is ${pyRepr(version === undefined ? null : version)}; it must be the whole number ${VERSION}`];
    if (version.value !== VERSION) return ["version", `is ${version.text}; this course reads version ${VERSION} (update the course)`];
    if (!(data.get("payload") instanceof Map)) return ["payload", "is missing or not an object; export the results again"];
    const check = data.get("checksum");
    if (!(check instanceof Map) || check.get("algorithm") !== "sha256") {
      return ["checksum", 'must be an object {"algorithm": "sha256", "value": <64 hex digits>}'];
    }
    const value = check.get("value");
    if (!isStr(value) || !/^[0-9a-f]{64}$/.test(value)) return ["checksum.value", "must be 64 lowercase hex digits (a sha256)"];
    if (value !== checksum(data.get("payload"))) {
      return ["checksum.value", "does not match the payload: the file was changed after it was exported; export it again"];
    }
    return null;
  }

  function payloadProblem(payload) {
    const learner = payload.get("learner");
    if (!(learner instanceof Map)) return ["payload.learner", "is missing or not an object with an id"];
    if (!FIELD.str[0](learner.get("id"))) return ["payload.learner.id", "must be a non-empty string (the learner's pseudonym)"];
    if (learner.has("name") && !FIELD.str[0](learner.get("name"))) return ["payload.learner.name", "must be a non-empty string when present"];
    if (!isStr(payload.get("exported_at"))) return ["payload.exported_at", "must be a date-time string"];
    for (const [table, fields] of Object.entries(ROWS)) {
      const rows = payload.get(table);
      if (rows === undefined && OPTIONAL_ROWS.includes(table)) continue;
      if (!Array.isArray(rows)) return [`payload.${table}`, "is missing or not a list"];
      for (let i = 0; i < rows.length; i += 1) {
        const where = `payload.${table}[${i}]`;
        const row = rows[i];
        if (!(row instanceof Map)) return [where, "must be an object"];
        for (const [name, [test, right]] of Object.entries(fields)) {
          if (!row.has(name)) return [`${where}.${name}`, `is missing; it must be ${right}`];
          if (!test(row.get(name))) return [`${where}.${name}`, `is ${pyRepr(row.get(name))}; it must be ${right}`];
        }
      }
    }
    if (payload.has("judgement")) {
      const problem = judgementProblem(toPlain(payload.get("judgement")));
      if (problem) return ["payload.judgement", problem];
    }
    return null;
  }

  /** Read an export file's text: {data} (plain values) or {problem: "name: field: why"}. */
  function readExport(text, name = "the file") {
    const refuse = (field, message, line) => ({
      problem: `${name}${line ? `:${line}` : ""}: ${field || "(file)"}: ${message}`,
    });
    if (text.length > MAX_BYTES) return refuse("", `the file is larger than ${MAX_BYTES / 2 ** 20} MB; an export is far smaller`);
    let tree;
    try {
      tree = parseExact(text.replace(/^\ufeff/, ""));
    } catch (err) {
      if (!(err instanceof JsonError)) throw err;
      if (err.line === null) return refuse("", `${err.message}; an export holds only finite numbers and plain data`);
      return refuse("", `not valid JSON (${err.message} at column ${err.column}): the file is cut off or was edited; export it again`, err.line);
    }
    const found = envelopeProblem(tree) || payloadProblem(tree.get("payload"));
    if (found) return refuse(found[0], found[1]);
    return { data: toPlain(tree) };
  }

  /** Bytes of a file as text: {text} or {problem} when they are not UTF-8. */
  function decodeFile(bytes, name = "the file") {
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
    } catch (err) {
      return { problem: `${name}: (file): not UTF-8 text; a course export is a JSON file written by "Download my answers" or course export` };
    }
  }

  // ------------------------------------------------------------------ the store

  /** ISO time as Python's isoformat gives it ("...T10:00:00.123+00:00", or seconds only). */
  function isoNow(seconds = false) {
    const iso = new Date().toISOString();
    return (seconds ? iso.slice(0, 19) : iso.slice(0, 23)) + "+00:00";
  }

  function randomHex(bytes) {
    const out = new Uint8Array(bytes);
    if (root.crypto && root.crypto.getRandomValues) root.crypto.getRandomValues(out);
    else for (let i = 0; i < bytes; i += 1) out[i] = Math.floor(Math.random() * 256);
    return Array.from(out, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  const noSittings = () => ({ version: JUDGEMENT_VERSION, sittings: {} });
  const empty = () => ({
    version: STORE_VERSION, learner_id: null, settings: {}, attempts: [], ratings: [], reflections: [], reviews: [],
    judgement: noSittings(),
  });

  /** A record saved by an earlier version of the site, brought up to this one with nothing lost; others as they are. */
  function upgrade(data) {
    if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
    if (data.version === 1) {
      data = { ...data, version: 2 };
      if (!Array.isArray(data.reviews)) data.reviews = [];
      if (!data.judgement) data.judgement = noSittings(); // version 2 added the reviews and the test
    }
    return data;
  }

  /** Why saved data cannot be used as a store, or null. */
  function storeProblem(data) {
    if (data === null || typeof data !== "object" || Array.isArray(data)) return "it is not a saved progress record";
    if (data.version !== STORE_VERSION) return `it was saved by another version of the course (version ${String(data.version)})`;
    for (const table of TABLES) {
      if (!Array.isArray(data[table])) return `its ${table} are missing`;
      for (let i = 0; i < data[table].length; i += 1) {
        const row = data[table][i];
        if (row === null || typeof row !== "object" || typeof row.exercise_id !== "string") return `${table}[${i}] is damaged`;
      }
    }
    const j = data.judgement; // its rows are checked where they come in (a file) and where they are read (judgement.js)
    if (j === null || typeof j !== "object" || j.sittings === null || typeof j.sittings !== "object" || Array.isArray(j.sittings)) {
      return "its case-judgement test is damaged";
    }
    if (data.settings === null || typeof data.settings !== "object") return "its settings are damaged";
    return null;
  }

  /**
   * One learner's progress, in `storage` (localStorage, or anything with getItem/setItem/removeItem)
   * under `key`. Every change reads the saved record again first, so two open pages never overwrite
   * each other's answers. Without usable storage the record lasts while the page is open (`note` says so).
   */
  class Store {
    constructor(storage, key) {
      this.key = key;
      this.storage = storage;
      this.memory = null;
      this.notices = [];
      this.note = null;
      if (!storage) this.useMemory("this browser does not let the page save anything");
      else {
        try {
          storage.getItem(key);
        } catch (err) {
          this.useMemory(`this browser does not let the page save anything (${err.name})`);
        }
      }
      if (!this.memory) this.read();
    }

    useMemory(reason) {
      this.memory = empty();
      this.note = `Your answers are kept only while this page is open: ${reason}.`;
    }

    /** The saved record; a damaged one is kept aside under another key and a fresh one started. */
    read() {
      if (this.memory) return this.memory;
      const text = this.storage.getItem(this.key);
      if (text === null) return empty();
      let data = null;
      let reason = null;
      try {
        data = upgrade(JSON.parse(text));
        reason = storeProblem(data);
      } catch (err) {
        reason = "it is not valid JSON";
      }
      if (!reason) return data;
      const aside = `${this.key}:damaged:${isoNow()}`;
      try {
        this.storage.setItem(aside, text);
        this.storage.removeItem(this.key);
      } catch (err) {
        this.useMemory(`your saved progress could not be read (${reason}) and could not be kept aside (${err.name})`);
        return this.memory;
      }
      this.notices.push(`Your saved progress in this browser could not be used: ${reason}. It was kept, unchanged, ` +
        `under the name "${aside}" in this browser's storage, and a fresh record was started. Earlier answers are ` +
        "not shown; a file from \"Download my answers\" can be loaded on the progress page.");
      return empty();
    }

    /** Apply `change` to the saved record and save it; throws (with the record unchanged) when it cannot be saved. */
    update(change) {
      const data = this.read();
      const result = change(data);
      if (!this.memory) this.storage.setItem(this.key, JSON.stringify(data));
      return result;
    }

    takeNotices() {
      const out = this.notices;
      this.notices = [];
      return out;
    }

    learnerId() {
      const saved = this.read().learner_id;
      if (saved) return saved;
      const fresh = `learner-${randomHex(6)}`;
      try {
        return this.update((d) => { d.learner_id = d.learner_id || fresh; return d.learner_id; });
      } catch (err) {
        return fresh;
      }
    }

    getSetting(name, fallback = null) {
      const settings = this.read().settings;
      return Object.prototype.hasOwnProperty.call(settings, name) ? settings[name] : fallback;
    }

    setSetting(name, value) {
      this.update((d) => { d.settings[name] = value; });
    }

    recordAttempt(exerciseId, contentHash, answer, score, maxScore, feedback, notebook) {
      const row = {
        exercise_id: exerciseId, content_hash: contentHash, notebook: notebook || null,
        answer: JSON.parse(JSON.stringify(answer)), score, max_score: maxScore, feedback: feedback || "",
        created_at: isoNow(),
      };
      this.update((d) => { d.attempts.push(row); });
      return row;
    }

    attempts(exerciseId = null) {
      return this.read().attempts.filter((a) => exerciseId === null || a.exercise_id === exerciseId);
    }

    lastAttempt(exerciseId) {
      const rows = this.attempts(exerciseId);
      return rows.length ? rows[rows.length - 1] : null;
    }

    attemptCount(exerciseId, contentHash = null) {
      return this.attempts(exerciseId).filter((a) => contentHash === null || a.content_hash === contentHash).length;
    }

    saveRatings(exerciseId, contentHash, values, dimension) {
      const when = isoNow();
      const rows = Object.keys(values).map((eventId) => {
        const value = values[eventId];
        if (!Number.isInteger(value) || value < -3 || value > 3) {
          throw new Error(`the rating of ${eventId} must be a whole number from -3 to 3`);
        }
        return { exercise_id: exerciseId, content_hash: contentHash, dimension, event_id: eventId, value, created_at: when };
      });
      this.update((d) => { d.ratings.push(...rows); });
    }

    /** The latest value the learner gave each event on `dimension` (optionally in one exercise). */
    ratings(dimension, exerciseId = null) {
      const out = {};
      for (const r of this.read().ratings) {
        if (r.dimension === dimension && (exerciseId === null || r.exercise_id === exerciseId)) out[r.event_id] = r.value;
      }
      return out;
    }

    saveReflection(exerciseId, contentHash, text, rubric) {
      const row = { exercise_id: exerciseId, content_hash: contentHash, text: String(text), rubric: { ...(rubric || {}) }, created_at: isoNow() };
      this.update((d) => { d.reflections.push(row); });
      return row;
    }

    /** Keep one review of the review queue (review.js makes the row). */
    recordReview(row) {
      const kept = { exercise_id: row.exercise_id, content_hash: row.content_hash, rating: row.rating, reviewed_at: row.reviewed_at, card: { ...row.card } };
      this.update((d) => { d.reviews.push(kept); });
      return kept;
    }

    reviews(exerciseId = null) {
      return this.read().reviews.filter((r) => exerciseId === null || r.exercise_id === exerciseId);
    }

    lastReflection(exerciseId) {
      const rows = this.read().reflections.filter((r) => r.exercise_id === exerciseId);
      return rows.length ? rows[rows.length - 1] : null;
    }

    /** The sittings of the case-judgement test so far: {before, after}, each {form, answers, started_at,
     * finished_at} or absent. */
    sittings() {
      return this.read().judgement.sittings;
    }

    /** The sitting `name` ("before" or "after") begun on `form`, unless it was begun before (then as saved). */
    startSitting(name, form) {
      if (!SITTINGS.includes(name)) throw new Error(`the sitting is ${name}; use before or after`);
      return this.update((d) => {
        if (!d.judgement.sittings[name]) d.judgement.sittings[name] = { form, answers: {}, started_at: isoNow(true), finished_at: null };
        return d.judgement.sittings[name];
      });
    }

    /** Keep one choice of an open sitting (null clears it); throws once the sitting is finished. */
    chooseInSitting(name, itemId, optionId) {
      return this.update((d) => {
        const sitting = d.judgement.sittings[name];
        if (!sitting) throw new Error(`the ${name} test has not been begun`);
        if (sitting.finished_at) throw new Error(`the ${name} test is finished; its answers stay as they were`);
        if (optionId === null) delete sitting.answers[itemId];
        else sitting.answers[itemId] = optionId;
        return sitting;
      });
    }

    /** Close the sitting `name`: its answers are final. */
    finishSitting(name) {
      return this.update((d) => {
        const sitting = d.judgement.sittings[name];
        if (!sitting) throw new Error(`the ${name} test has not been begun`);
        if (!sitting.finished_at) sitting.finished_at = isoNow(true);
        return sitting;
      });
    }

    /** Per exercise: {attempts, best, max, completed, last} as course/progress summarises it. */
    summary() {
      const data = this.read();
      const out = {};
      const touch = (id) => (out[id] = out[id] || { attempts: 0, completed: false, last: "" });
      for (const a of data.attempts) {
        const s = touch(a.exercise_id);
        s.attempts += 1;
        const ungraded = a.max_score === null || a.max_score === 0;
        if (ungraded || (a.score !== null && a.score >= a.max_score)) s.completed = true;
        s.last = a.created_at > s.last ? a.created_at : s.last;
      }
      for (const r of data.reflections.concat(data.ratings)) {
        const s = touch(r.exercise_id);
        s.completed = true;
        s.last = r.created_at > s.last ? r.created_at : s.last;
      }
      return out;
    }

    /** The learner's records as a `course export` file (pseudonymous unless a name is given). */
    exportData({ name = "", includeReflections = false } = {}) {
      const learner = { id: this.learnerId() };
      if (name && name.trim()) learner.name = name.trim();
      const data = this.read();
      const payload = { learner, exported_at: isoNow(true), attempts: data.attempts, ratings: data.ratings, reviews: data.reviews };
      if (includeReflections) payload.reflections = data.reflections;
      const finished = Object.entries(data.judgement.sittings).filter(([, row]) => row.finished_at);
      if (finished.length) payload.judgement = { version: JUDGEMENT_VERSION, sittings: Object.fromEntries(finished) };
      return { format: FORMAT, version: VERSION, payload, checksum: { algorithm: "sha256", value: checksum(payload) } };
    }

    /** Add the records of an accepted export that are not kept yet: {added, learner} or {problem}. */
    importExport(text, fileName) {
      const { data, problem } = readExport(text, fileName);
      if (problem) return { problem };
      const payload = data.payload;
      const key = (table, row) => JSON.stringify([table, Object.keys(row).sort().map((k) => [k, row[k]])]);
      let added = 0;
      try {
        this.update((d) => {
          const known = new Set(TABLES.flatMap((t) => d[t].map((r) => key(t, r))));
          const mine = d.judgement.sittings;
          const fresh = !d.learner_id || (TABLES.every((t) => !d[t].length) && !Object.keys(mine).length);
          const theirs = payload.judgement ? payload.judgement.sittings : {};
          for (const name of SITTINGS) { // a finished sitting in the file fills a sitting not finished here
            if (theirs[name] && !(mine[name] && mine[name].finished_at)) {
              const other = mine[name === "before" ? "after" : "before"];
              if (other && other.form === theirs[name].form) continue; // never one form twice (the file keeps it)
              mine[name] = theirs[name];
              added += 1;
            }
          }
          for (const table of TABLES) {
            for (const row of payload[table] || []) {
              if (known.has(key(table, row))) continue;
              known.add(key(table, row));
              d[table].push(row);
              added += 1;
            }
            const at = (row) => row.created_at || row.reviewed_at;
            d[table].sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : 0));
          }
          if (fresh) d.learner_id = payload.learner.id;
        });
      } catch (err) {
        return { problem: `${fileName}: (file): could not be saved in this browser (${err.name}); nothing was changed` };
      }
      return { added, learner: payload.learner.id, exportedAt: payload.exported_at };
    }
  }

  /** The store of this site in this browser (localStorage when the browser allows it). */
  function open(key) {
    let storage = null;
    try {
      storage = root.localStorage || null;
    } catch (err) {
      storage = null;
    }
    return new Store(storage, key);
  }

  return { FORMAT, VERSION, STORE_VERSION, judgementProblem, sha256, parseExact, canonical, checksum, readExport, decodeFile, Store, open, isoNow };
});
