#!/usr/bin/env node
/* One simulated learner's month of reviews through the offline site's scheduler (course/delivery/site/
 * static/review.js, FSRS by the vendored ts-fsrs), printed as a table: the same schedule the JupyterLab
 * course gives for the same reviews (tests/delivery/site/test_review_simulation.py checks it).
 *
 *   node tools/site-review-simulate.js [--days 30] [--start 2027-01-04T09:00:00Z] [--ratings 3,3,2,3,1,3] ID...
 *
 * Without IDs it uses three of the course's reviewable exercises. Nothing random: the same arguments
 * print the same lines.
 */
"use strict";

const path = require("path");
const R = require(path.join(__dirname, "..", "course", "delivery", "site", "static", "review.js"));

function parse(argv) {
  const args = { days: 30, start: "2027-01-04T09:00:00.000Z", ratings: null, items: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === "--days") args.days = Number(argv[++i]);
    else if (a === "--start") args.start = argv[++i];
    else if (a === "--ratings") args.ratings = argv[++i].split(",").map(Number);
    else if (a === "--json") args.json = true;
    else args.items.push(a);
  }
  if (!Number.isInteger(args.days) || args.days < 1) throw new Error("--days must be a whole number from 1");
  if (args.ratings) args.ratings.forEach((r) => R.checkRating(r));
  if (!args.items.length) args.items = ["start-crossing-or-violation", "ch01-crossing-violation-sort", "ch02-kohut-or-kernberg"];
  return args;
}

function main() {
  let args;
  try {
    args = parse(process.argv.slice(2));
    R.parseTime(args.start);
  } catch (err) {
    process.stderr.write(`site-review-simulate: ${err.message}\n`);
    process.exit(2);
  }
  const rows = R.simulate({ items: args.items, start: args.start, days: args.days, ...(args.ratings ? { ratings: args.ratings } : {}) });
  if (args.json) {
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const lines = [`One learner's ${args.days} days of reviews on the site (FSRS ${R.FSRS_VERSION}), from ${args.start}:`];
  lines.push("day  exercise                              rating  stage       next review");
  for (const r of rows) {
    lines.push(`${String(r.day).padStart(3)}  ${r.exercise_id.padEnd(36)}  ${R.RATING_NAMES[r.rating].padEnd(6)}  ${R.STATE_NAMES[r.card.state].padEnd(10)}  ${r.card.due.slice(0, 16).replace("T", " ")} UTC`);
  }
  lines.push(`${rows.length} reviews.`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

main();
