/** `driftwatch --help`. */
export const mainHelp = `driftwatch: compare two datasets for drift

Usage:
  driftwatch drift <reference> <current> [options]   compare two CSV or JSONL files
  driftwatch sample <directory> [options]            write synthetic reference.csv and current.csv
  driftwatch --help | --version

Run "driftwatch <command> --help" for a command's options.

Exit codes: 0 no dataset drift, 1 dataset drift, 2 error.
`;

/** `driftwatch drift --help`. */
export const driftHelp = `Usage: driftwatch drift <reference> <current> [options]

Compares every column of <current> with <reference> and prints one row per column:
kind, test (KS or chi-squared), statistic, corrected p-value, effect size, severity.

Inputs are CSV with a header row (.csv) or JSON Lines, one object per line (.jsonl,
.ndjson); other names are sniffed. Files are streamed, never loaded whole.

Options:
  --json                     print the drift report as JSON instead of the table
  --html <file>              also write a self-contained HTML report with a chart per column
  --categorical <a,b>        treat these columns as categorical (repeatable)
  --numeric <c>              treat these columns as numeric; non-numbers count as missing
  --exclude <id>             leave these columns out, e.g. identifiers (repeatable)
  --alpha <p>                significance level after correction (default 0.05)
  --correction <name>        benjamini-hochberg (default), bonferroni or none
  --effect-metric <name>     psi (default), jensen-shannon or wasserstein
  --drift-share <share>      share of drifted columns that makes dataset drift (default 0.5)
  -q, --quiet                no progress on stderr
  -h, --help                 show this help

Missing values: blank or whitespace-only CSV fields; JSON null, absent keys and blank strings.
Kinds: a column is numeric while every non-missing value is a decimal number, else categorical.

Exit codes: 0 no dataset drift, 1 dataset drift, 2 error.
`;

/** `driftwatch sample --help`. */
export const sampleHelp = `Usage: driftwatch sample <directory> [options]

Writes <directory>/reference.csv and <directory>/current.csv: synthetic telecom customers
(gender, SeniorCitizen, Partner, tenure, Contract, PaymentMethod, MonthlyCharges,
TotalCharges, and a customerID to exclude). The same seed gives the same files.

Options:
  --rows <n>             data rows per file (default 5000)
  --seed <n>             seed of the random source (default 42)
  --scenario <name>      none (default): current drawn like reference
                         sudden: MonthlyCharges up ~15%, contracts toward month-to-month
  -h, --help             show this help
`;
