// Helpers shared by the report generators (report.js, steering-report.js): figures as RESULTS.md
// prints them, and the generated part of RESULTS.md between two markers.
'use strict';
const fs = require('node:fs');

function median(values) {
  const v = values.filter((x) => typeof x === 'number' && !isNaN(x)).sort((a, b) => a - b);
  if (v.length === 0) {
    return NaN;
  }
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}
const sum = (values) => values.reduce((s, x) => s + (Number(x) || 0), 0);
const fmt = (x, digits = 0, unit = '') => (typeof x !== 'number' || !isFinite(x) ? 'n/a'
  : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) + unit);
const ratio = (x) => (typeof x !== 'number' || !isFinite(x) ? 'n/a' : x.toFixed(2) + '×');
const pct = (x) => (typeof x !== 'number' || !isFinite(x) ? 'n/a' : Math.round(x * 100) + ' %');

// Puts SECTION between <!-- NAME:begin --> and <!-- NAME:end --> in FILE, or appends both markers
// with it when FILE has none.
function writeSection(file, name, section) {
  let text = fs.readFileSync(file, 'utf8');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  if (text.includes(begin) && text.includes(end)) {
    text = text.slice(0, text.indexOf(begin) + begin.length) + '\n' + section + '\n' + text.slice(text.indexOf(end));
  } else {
    text = text.trimEnd() + '\n\n' + begin + '\n' + section + '\n' + end + '\n';
  }
  fs.writeFileSync(file, text);
}

module.exports = { median, sum, fmt, ratio, pct, writeSection };
