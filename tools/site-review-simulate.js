#!/usr/bin/env node
/* One simulated learner's reviews through the offline site's scheduler (course/delivery/site/static/
 * review.js, FSRS by the vendored ts-fsrs): the same learner as `course review-schedule --simulate DAYS`
 * (course/review/simulate.py), drawn from the same seeded random numbers (Python's Mersenne Twister,
 * below), so that the site's schedule can be set beside the lab's in the closing note.
 * tests/delivery/site/test_review_simulation.py checks that both print the same reviews.
 *
 *   node tools/site-review-simulate.js --simulate 30 [--seed 2017] [--start 2026-01-05] [--json]
 *       [--site build/site | --specs FILE]
 *
 * The reviewable exercises are read from the built site (its course map carries them, in course order),
 * or from a JSON file of [{id, notebook, type}] ("-" for standard input).
 */
"use strict";

const fs = require("fs");
const path = require("path");
const R = require(path.join(__dirname, "..", "course", "delivery", "site", "static", "review.js"));

// ------------------------------------------------------------------ Python's random.Random(seed)

/** MT19937 seeded as CPython seeds it from a whole number (init_by_array over its 32-bit words), with
 * random() as CPython's (53 bits from two draws), and choices() with weights as random.choices. */
class PythonRandom {
  constructor(seed) {
    let n = BigInt(Math.abs(seed));
    const key = [];
    do {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    } while (n > 0n);
    this.mt = new Uint32Array(624);
    this.index = 624;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(624, key.length); k > 0; k -= 1) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = ((this.mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i += 1;
      j += 1;
      if (i >= 624) { this.mt[0] = this.mt[623]; i = 1; }
      if (j >= key.length) j = 0;
    }
    for (let k = 623; k > 0; k -= 1) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = ((this.mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i += 1;
      if (i >= 624) { this.mt[0] = this.mt[623]; i = 1; }
    }
    this.mt[0] = 0x80000000;
  }

  initGenrand(s) {
    this.mt[0] = s >>> 0;
    for (let i = 1; i < 624; i += 1) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = (Math.imul(prev, 1812433253) + i) >>> 0;
    }
  }

  genrand() {
    if (this.index >= 624) {
      for (let k = 0; k < 624; k += 1) {
        const y = (this.mt[k] & 0x80000000) | (this.mt[(k + 1) % 624] & 0x7fffffff);
        this.mt[k] = this.mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.index = 0;
    }
    let y = this.mt[this.index];
    this.index += 1;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  random() {
    const a = this.genrand() >>> 5;
    const b = this.genrand() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** random.choices(population, weights) for one item: bisect_right over the running totals. */
  choice(population, weights) {
    const cumulative = [];
    weights.reduce((total, w) => { cumulative.push(total + w); return total + w; }, 0);
    const x = this.random() * cumulative[cumulative.length - 1];
    let at = 0;
    while (at < population.length - 1 && cumulative[at] <= x) at += 1;
    return population[at];
  }
}

// ------------------------------------------------------------------ the simulated learner (course/review/simulate.py)

const SEED = 2017;
const START = "2026-01-05";
const SITTING_HOUR = 19;
const ROUNDS = 3;
const ROUND_GAP_MS = 10 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function rate(rng, card, now, reflective) {
  const chance = card === null ? 0.8 : R.retrievability(card, now);
  if (rng.random() >= chance) return R.AGAIN;
  if (reflective) return rng.choice([R.EASY, R.GOOD, R.HARD], [1, 4, 2]);
  return rng.random() < 0.75 ? R.GOOD : R.HARD;
}

/** The learner meets one chapter every two days (its reviewable exercises met an hour before the sitting,
 * and due a day after that, as R.firstDue says), sits down at 19:00 UTC unless a 1-in-7 draw skips the day, and goes through the
 * queue three times ten minutes apart. [{exercise_id, rating, reviewed_at, card}] in the order done. */
function simulate(specs, days, seed = SEED, start = START) {
  const rng = new PythonRandom(seed);
  const chapters = [...new Set(specs.map((s) => s.notebook))];
  const first = Date.parse(`${start}T00:00:00Z`);
  const cards = new Map(); // id -> {card (stored state, null before the first review), due (ms)}
  const log = [];
  for (let day = 0; day < days; day += 1) {
    const evening = first + day * DAY_MS + SITTING_HOUR * HOUR_MS;
    if (day % 2 === 0 && Math.floor(day / 2) < chapters.length) {
      for (const spec of specs) if (spec.notebook === chapters[day / 2]) cards.set(spec.id, { card: null, due: R.firstDue(evening - HOUR_MS) });
    }
    if (rng.random() < 1 / 7) continue; // no sitting today
    for (let round = 0; round < ROUNDS; round += 1) {
      const now = new Date(evening + round * ROUND_GAP_MS);
      for (const spec of specs) {
        const held = cards.get(spec.id);
        if (!held || held.due > now.getTime()) continue;
        const rating = rate(rng, held.card, now, R.selfRated(spec.type));
        const card = R.review(held.card, rating, now);
        cards.set(spec.id, { card, due: Date.parse(card.due) });
        log.push({ exercise_id: spec.id, rating, reviewed_at: R.iso(now), card });
      }
    }
  }
  return log;
}

// ------------------------------------------------------------------ the command

function fail(message) {
  process.stderr.write(`site-review-simulate: ${message}\n`);
  process.exit(2);
}

function readSpecs(args) {
  if (args.specs) {
    const text = fs.readFileSync(args.specs === "-" ? 0 : args.specs, "utf8");
    return JSON.parse(text);
  }
  const index = path.join(args.site, "index.html");
  if (!fs.existsSync(index)) fail(`${index} is missing; build the site first (make site), or give --specs`);
  const found = /<script type="application\/json" id="course-site">([\s\S]*?)<\/script>/.exec(fs.readFileSync(index, "utf8"));
  if (!found) fail(`${index}: the course data is missing; build the site again (make site)`);
  return JSON.parse(found[1]).reviewable;
}

function parse(argv) {
  const args = { days: null, seed: SEED, start: START, json: false, site: path.join(__dirname, "..", "build", "site"), specs: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : fail(`${a} needs a value`));
    if (a === "--simulate") args.days = Number(value());
    else if (a === "--seed") args.seed = Number(value());
    else if (a === "--start") args.start = value();
    else if (a === "--site") args.site = value();
    else if (a === "--specs") args.specs = value();
    else if (a === "--json") args.json = true;
    else fail(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.days) || args.days < 1 || args.days > 3650) fail(`--simulate takes a number of days from 1 to 3650, not ${args.days}`);
  if (!Number.isSafeInteger(args.seed)) fail(`--seed takes a whole number, not ${args.seed}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.start) || Number.isNaN(Date.parse(`${args.start}T00:00:00Z`))) fail(`--start is '${args.start}'; write a date as YYYY-MM-DD`);
  return args;
}

function main() {
  const args = parse(process.argv.slice(2));
  const log = simulate(readSpecs(args), args.days, args.seed, args.start);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ seed: args.seed, start: args.start, days: args.days, reviews: log }, null, 1)}\n`);
    return;
  }
  const stamp = (iso) => iso.slice(0, 16).replace("T", " ");
  const lines = [`One simulated learner on the site, ${args.days} days from ${args.start} (seed ${args.seed}); times in UTC.`];
  lines.push(`${"reviewed".padEnd(17)} ${"exercise".padEnd(34)} ${"rating".padEnd(6)} next due`);
  for (const r of log) {
    const gap = Date.parse(r.card.due) - Date.parse(r.reviewed_at);
    const after = gap >= DAY_MS ? `${Math.floor(gap / DAY_MS)} d` : `${Math.round(gap / 60000)} min`;
    lines.push(`${stamp(r.reviewed_at)}  ${r.exercise_id.padEnd(34)} ${R.RATING_NAMES[r.rating].padEnd(6)} ${stamp(r.card.due)} (+${after})`);
  }
  const recalled = log.filter((r) => r.rating !== R.AGAIN).length;
  lines.push(`${log.length} reviews, ${recalled} recalled (${log.length ? Math.round((100 * recalled) / log.length) : 0}%).`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (require.main === module) main();
module.exports = { PythonRandom, simulate };
