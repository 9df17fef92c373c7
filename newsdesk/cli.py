"""The `newsdesk` command line. Heavy imports (Prefect, DuckDB) happen inside the commands that
need them, so `newsdesk --help` and `newsdesk sql` start fast."""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from newsdesk import __version__, layout
from newsdesk.settings import LogLevel, Settings, prefect_environment, prefect_home

# Exit codes scripts can rely on.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_NO_DATABASE = 0, 1, 2, 3, 4

DEFAULTS = Settings.model_construct()  # the defaults, for the help texts (the environment is read by run)
DEFAULT_RAW, DEFAULT_OUT = DEFAULTS.raw_dir, DEFAULTS.out_dir


LOG_LEVELS = LogLevel.__args__


def prefect_defaults(log_level: str | None, default_level: str) -> None:
    """Prefect's environment for this process, before Prefect is imported (newsdesk.settings): what
    is already set stays, except that a log level given (--log-level, NEWSDESK_LOG_LEVEL) wins over
    PREFECT_LOGGING_LEVEL, which wins over the command's default."""
    for key, value in prefect_environment(prefect_home()).items():
        os.environ.setdefault(key, value)
    if log_level:
        os.environ["PREFECT_LOGGING_LEVEL"] = log_level
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", default_level)
    Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)  # Prefect's server makes no parents


def cmd_run(args: argparse.Namespace) -> int:
    """Run the flow once and print the summary."""
    from pydantic import ValidationError

    from newsdesk import locations, run

    try:
        settings = Settings.read(raw_dir=args.raw_dir, out_dir=args.out_dir, db_dir=args.db_dir,
                                 batch_size=args.batch_size, workers=args.workers, log_level=args.log_level)
    except ValidationError as exc:  # a NEWSDESK_* variable out of range (options are checked by argparse)
        print(f"newsdesk run: {settings_problem(exc)}", file=sys.stderr)
        return EXIT_USAGE
    try:  # said before Prefect's server start, not after it
        raw, target = run.open_locations(settings)
    except (ValueError, OSError) as exc:  # no raw folder, out dir inside it, a malformed URI, a forbidden bucket
        print(f"newsdesk run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not args.full and nothing_changed(raw, target):
        return EXIT_OK
    try:
        target.check_writable()
    except OSError as exc:
        print(f"newsdesk run: cannot write to {target.replica.location}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    prefect_defaults(settings.log_level, "WARNING")  # the summary is printed below
    from flows import ephemeral

    api_url = ephemeral.start() if settings.early_server else None  # boots while we import Prefect below
    from newsdesk import workers

    workers.prestart()  # the workers' forkserver warms the pipeline meanwhile too
    from flows.pipeline import newsdesk_flow, task_runner_for
    from prefect.exceptions import TerminationSignal

    from newsdesk.dbtbuild import BuildFailed
    from newsdesk.installation import IncompleteInstallError
    from newsdesk.targets import LockedError

    runner = task_runner_for(args.task_runner, args.dask_address, settings.workers)
    run_flow = newsdesk_flow.with_options(task_runner=runner) if runner else newsdesk_flow
    try:
        with api_settings(api_url), stopped_by_sigterm():
            summary = run_flow(raw_dir=settings.raw_dir, out_dir=settings.out_dir, batch_size=settings.batch_size,
                               wait_for_lock=args.wait, full=args.full, workers=settings.workers,
                               db_dir=settings.db_dir)
    except LockedError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except BuildFailed as exc:  # a data test failed: readers stay on the previous snapshot
        print(f"newsdesk run: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except FileNotFoundError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except IncompleteInstallError as exc:
        print(f"newsdesk run: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (KeyboardInterrupt, TerminationSignal, Stopping) as exc:
        signum = getattr(exc, "signal", signal.SIGINT)
        print(f"newsdesk run: stopped ({signal.Signals(signum).name}); nothing was published, the previous "
              "snapshot is still current", file=sys.stderr)
        return 128 + signum
    except Exception as exc:  # a full disk, an out dir made read-only meanwhile: one sentence
        failure = run.storage_failure(exc)
        if failure is None:
            raise
        print(f"newsdesk run: {run.failure_sentence(failure, target.location)}", file=sys.stderr)
        return EXIT_FAILED
    print_summary(summary, settings.out_dir, settings.db_dir if locations.is_remote(target.location) else None)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return EXIT_OK if summary["reconciled"] else EXIT_FAILED


class Stopping(BaseException):
    """SIGTERM arrived: the run unwinds (its workers killed, its files removed) and exits 143."""

    def __init__(self, signal: int):
        super().__init__(signal)
        self.signal = signal


@contextmanager
def stopped_by_sigterm():
    """SIGTERM raises Stopping here instead of ending the process at once. (Prefect's flow engine
    turns SIGTERM into its own exception, unwinds, then sends it again to the handler it found:
    this one, so the CLI still says what happened and exits 143.)"""
    def stop(signum, frame):
        raise Stopping(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def settings_problem(error) -> str:
    """One sentence from a pydantic ValidationError of Settings: which variable, what is wrong."""
    problems = [f"NEWSDESK_{'_'.join(map(str, e['loc'])).upper()}={e.get('input')}: {e['msg'].lower()}"
                for e in error.errors()]
    return "; ".join(problems)


def count_option(minimum: int):
    """An argparse type: a whole number of at least `minimum` (a usage error otherwise, exit 2)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value
    return parse


def seconds_option(text: str) -> float:
    """An argparse type: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


@contextmanager
def api_settings(api_url: str | None):
    """Use the early-started temporary server when it came up; else Prefect starts its own."""
    from flows import ephemeral
    from prefect.settings import PREFECT_API_URL, temporary_settings

    timeout = float(os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"])
    if not api_url or not ephemeral.wait_until_ready(api_url, timeout):
        yield
        return
    os.environ["PREFECT_API_URL"] = api_url  # for worker processes (Dask) started from here
    try:
        with temporary_settings({PREFECT_API_URL: api_url}):
            yield
    finally:
        del os.environ["PREFECT_API_URL"]


def nothing_changed(raw_dir, target) -> bool:
    """True (and says so) when no input changed since the published snapshot and the database
    is built from it. Checked before Prefect is imported, so a no-op scheduled run costs a
    directory scan, not a server start. raw_dir is a parsed location, target the out target."""
    from newsdesk import locations, run
    from newsdesk.incremental import hand_over, plan_run

    plan = plan_run(raw_dir, target)
    if not plan.is_noop:
        hand_over(plan, raw_dir, target)  # the flow starts from this plan instead of scanning again
        return False
    run_id = locations.name(plan.previous)
    if not run.database_is_current(target, run_id):
        return False  # the database lags the tables (a killed run, a new db dir): let the flow rebuild it
    print(f"newsdesk: nothing changed since run {run_id} ({len(plan.files)} files); "
          f"nothing new published. Use --full to reprocess everything.")
    return True


def print_summary(summary: dict, out_dir: str, db_dir: str | None = None) -> None:
    """A readable end-of-run table. db_dir: where the database is, when not in out_dir."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"newsdesk run {summary['run_id']} ({summary['seconds']} s)", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("files_seen", "inputs_seen", "articles", "quotes", "places", "credits", "rejects", "duplicates"):
        table.add_row(key.replace("_", " "), str(summary[key]))
    for reason, n in summary["rejects_by_reason"].items():
        table.add_row(f"  rejected: {reason}", str(n))
    console = Console(stderr=False)
    console.print(table)
    if not summary["reconciled"]:
        console.print("[red]reconciliation failed: files seen != files recorded, or inputs seen != articles + "
                      "rejects + duplicates[/red]")
    for warning in summary.get("warnings", []):
        console.print(f"warning: {warning}", markup=False)
    if "changes" in summary:
        changes = ", ".join(f"{n} {what}" for what, n in summary["changes"].items())
        console.print(f"files: {changes}; processed {summary['files_processed']}"
                      + ("" if summary["published"] else " (nothing changed: nothing published)"))
    from newsdesk.locations import is_remote, parse

    tables = f"{out_dir}/{{articles,quotes,places,credits,rejects}}"
    if is_remote(parse(out_dir)):
        tables = (f"{out_dir}/{layout.SNAPSHOTS}/{summary['run_id']}/{{articles,...}} "
                  f"(named by {out_dir}/{layout.POINTER})")
    console.print(f"tables: {tables}  database: {db_dir or out_dir}/{layout.DATABASE}")


def cmd_sql(args: argparse.Namespace) -> int:
    """Run one read-only SQL query against a database (an out dir's or an export's) and print the
    result. The connection is sandboxed: newsdesk.database.connect."""
    import duckdb

    from newsdesk import database

    query = Path(args.file).read_text(encoding="utf-8") if args.file else args.query
    if not query:
        print("newsdesk sql: give a query or -f FILE", file=sys.stderr)
        return EXIT_USAGE
    db = Path(args.out_dir) / layout.DATABASE
    if not db.exists():
        print(f"newsdesk sql: no database at {printable(str(db))}; run `newsdesk run` first "
              "(or name an export folder with --from)", file=sys.stderr)
        return EXIT_NO_DATABASE
    try:
        database.check_read_only(query)
        con = database.connect(db)
        try:
            result = con.sql(query)
            data = result.to_arrow_table() if result is not None else None
        finally:
            con.close()
    except database.NotReadOnlyError as exc:
        print(f"newsdesk sql: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except duckdb.Error as exc:
        print(f"newsdesk sql: {printable(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    if data is not None:
        write_result(data, args.format, args.output)
    return EXIT_OK


def write_result(data, fmt: str, output: str | None) -> None:
    """Print (or save) an Arrow table as a table, CSV, a JSON array, JSON Lines or Parquet. What
    reaches the terminal has its control characters removed; a file (-o) keeps the data as is."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        if not output:
            raise SystemExit("newsdesk sql: --format parquet needs --output FILE")
        pq.write_table(data, output, compression="zstd")
        return
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    clean = (lambda text: text) if output else printable
    try:
        if fmt == "csv":
            write_csv(data, stream, clean)
        elif fmt == "json":
            rows = [json.dumps(row, default=str, ensure_ascii=False) for row in data.to_pylist()]
            stream.write("[\n" + ",\n".join(rows) + ("\n" if rows else "") + "]\n")
        elif fmt == "jsonl":
            for row in data.to_pylist():
                stream.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
        else:
            print_table(data, stream)
    finally:
        if output:
            stream.close()


def write_csv(data, stream, clean) -> None:
    """CSV with a header; lists and structs as JSON (["AP", "AFP"]), nulls as empty cells."""
    import csv

    def cell(value):
        if isinstance(value, (list, dict)):
            value = json.dumps(value, default=str, ensure_ascii=False)
        return clean(value) if isinstance(value, str) else value

    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([clean(name) for name in data.column_names])
    for row in data.to_pylist():
        writer.writerow([cell(v) for v in row.values()])


def print_table(data, stream) -> None:
    """A rich table of the rows (long cells shortened; cells are plain text, never markup)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=True, header_style="bold")
    for name in data.column_names:
        table.add_column(Text(printable(name)), overflow="fold", max_width=60)
    for row in data.to_pylist():
        table.add_row(*(Text(_cell(v)) for v in row.values()))
    console = Console(file=stream, width=max(120, Console().width))
    console.print(table)
    console.print(f"{data.num_rows} row{'s' if data.num_rows != 1 else ''}")


def _cell(value) -> str:
    text = printable("" if value is None else str(value))
    return text if len(text) <= 200 else text[:197] + "..."


RE_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text without control characters (escape sequences, bells, carriage returns) or bidi
    overrides, which would act on the terminal instead of being shown; tabs and newlines stay."""
    return RE_UNPRINTABLE.sub("", text)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the flow on a cron schedule (needs a Prefect server: PREFECT_API_URL)."""
    settings = Settings.read(raw_dir=args.raw_dir, out_dir=args.out_dir, db_dir=args.db_dir, log_level=args.log_level)
    prefect_defaults(settings.log_level, "INFO")  # served runs keep their logs on the server
    if not os.environ.get("PREFECT_API_URL"):
        print("newsdesk serve: schedules need a Prefect server. Start one with `prefect server start` and set "
              "PREFECT_API_URL=http://127.0.0.1:4200/api (see README, Scheduling).", file=sys.stderr)
        return EXIT_USAGE
    from flows.pipeline import newsdesk_flow

    from newsdesk import locations

    newsdesk_flow.serve(name=args.name, cron=args.cron,
                        parameters={"raw_dir": str(locations.parse(settings.raw_dir)),
                                    "out_dir": str(locations.parse(settings.out_dir)),
                                    "db_dir": str(locations.parse(settings.db_dir))})
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML corpus report from the built database."""
    db = Path(args.out_dir) / layout.DATABASE
    if not db.exists():
        print(f"newsdesk report: no database at {db}; run `newsdesk run` first", file=sys.stderr)
        return EXIT_NO_DATABASE
    import duckdb

    from newsdesk.report import write_report

    try:
        out = write_report(db, Path(args.out))
    except (duckdb.Error, OSError) as exc:
        print(f"newsdesk report: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(out)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Copy the current snapshot's tables, its marts, a database over them and the data dictionary
    into a folder for analysts."""
    from newsdesk.dbtbuild import BuildFailed
    from newsdesk.export import NoSnapshotError, RefusedError, export_snapshot

    try:
        manifest = export_snapshot(Path(args.out_dir), Path(args.to), force=args.force)
    except NoSnapshotError as exc:
        print(f"newsdesk export: {exc}", file=sys.stderr)
        return EXIT_NO_DATABASE
    except (FileExistsError, RefusedError) as exc:
        print(f"newsdesk export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, BuildFailed) as exc:
        print(f"newsdesk export: {exc}", file=sys.stderr)
        return EXIT_FAILED
    counts = ", ".join(f"{t} {m['rows']}" for t, m in {**manifest["tables"], **manifest["marts"]}.items())
    print(f"exported snapshot {manifest['snapshot']} to {args.to}: {counts}")
    return EXIT_OK


def cmd_docs(args: argparse.Namespace) -> int:
    """Regenerate (or, with --check, verify) the data dictionary and JSON schemas; with --dbt, write
    dbt's documentation site instead."""
    from newsdesk.dictionary import stale_files, write_dbt_site, write_docs

    if args.dbt:
        print(write_dbt_site(Path(args.dbt)))
        return EXIT_OK
    docs = Path(args.docs_dir)
    if args.check:
        stale = stale_files(docs)
        for rel in stale:
            print(f"stale: {docs / rel}", file=sys.stderr)
        if stale:
            print("newsdesk docs: run `newsdesk docs` and commit the result", file=sys.stderr)
        return EXIT_FAILED if stale else EXIT_OK
    for path in write_docs(docs):
        print(path)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with all subcommands."""
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Turn folders of scraped news articles into clean tables (articles, quotes, places, "
                    "credits, rejects) as Parquet, and query them with DuckDB SQL.",
        epilog="Exit codes: 0 ok, 1 failed, 2 usage error, 3 out dir locked by another run, 4 no database yet, "
               "130 / 143 run stopped by Ctrl-C / SIGTERM.",
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="process every article under --raw-dir into --out-dir")
    run.add_argument("--raw-dir",
                     help=f"input folder, read recursively (default {DEFAULT_RAW}); or a URI: file:///path, "
                          "s3://bucket/prefix (AWS_* environment variables, AWS_ENDPOINT_URL for other S3 servers)")
    run.add_argument("--out-dir",
                     help=f"output folder (default {DEFAULT_OUT}); or a URI like --raw-dir (see docs/scaling.md)")
    run.add_argument("--db-dir",
                     help="when --out-dir is an object store: local folder where newsdesk.duckdb is built, with "
                          f"the snapshot copy its views read (default {DEFAULTS.db_dir}; `newsdesk sql --out-dir` it)")
    run.add_argument("--batch-size", type=count_option(1), help=f"files per task (default {DEFAULTS.batch_size})")
    run.add_argument("--wait", type=seconds_option, default=0, metavar="SECONDS",
                     help="wait this long for another run on the same out dir to finish (default: refuse)")
    run.add_argument("--full", action="store_true",
                     help="reprocess every file (default: only files new or changed since the last run)")
    run.add_argument("--workers", type=count_option(0),
                     help="worker processes (default 0: one per CPU)")
    run.add_argument("--task-runner", choices=("threads", "dask"), default="threads",
                     help="threads: Prefect's thread runner feeding a local process pool (default); "
                          "dask: a local Dask cluster of --workers processes (prefect-dask)")
    run.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                     help="run the batches on this existing Dask scheduler (implies --task-runner dask)")
    run.add_argument("--json", metavar="FILE", help="also write the run summary (with timings) as JSON")
    run.add_argument("--log-level", choices=LOG_LEVELS, type=str.upper,
                     help="Prefect's log level, on the terminal and on a Prefect server (default WARNING, "
                          "or NEWSDESK_LOG_LEVEL / PREFECT_LOGGING_LEVEL)")
    run.set_defaults(func=cmd_run)

    sql = sub.add_parser(
        "sql", help="run read-only SQL against the database (tables: articles_summary, speakers, "
                    "place_mentions_daily; views: stg_articles, stg_quotes, ...)",
        description="Run a query against newsdesk.duckdb in an out dir or an export folder. Only queries "
                    "that read run (select, describe, show, summarize, explain); DuckDB may read that folder "
                    "and nothing else, write nowhere, and load no extension.",
        epilog="Exit codes: 0 ok, 1 the query failed, 2 usage error or a statement that writes, 4 no database.")
    sql.add_argument("query", nargs="?", help="the SQL statement")
    sql.add_argument("-f", "--file", help="read the SQL from this file")
    sql.add_argument("--format", choices=("table", "csv", "json", "jsonl", "parquet"), default="table",
                     help="table (default); csv (lists as JSON arrays); json (one JSON array); jsonl (JSON Lines); "
                          "parquet (needs -o)")
    sql.add_argument("-o", "--output", help="write the result to this file instead of stdout")
    sql.add_argument("--out-dir", "--from", dest="out_dir", default=DEFAULT_OUT, metavar="DIR",
                     help=f"folder holding newsdesk.duckdb: an out dir or an export folder (default {DEFAULT_OUT})")
    sql.set_defaults(func=cmd_sql)

    serve = sub.add_parser("serve", help="run the flow on a cron schedule (needs a Prefect server)")
    serve.add_argument("--cron", required=True, help='cron expression, e.g. "0 * * * *" for hourly')
    serve.add_argument("--name", default="newsdesk-scheduled", help="deployment name")
    serve.add_argument("--raw-dir", help=f"as for `newsdesk run` (default {DEFAULT_RAW})")
    serve.add_argument("--out-dir", help=f"as for `newsdesk run` (default {DEFAULT_OUT})")
    serve.add_argument("--db-dir", help=f"as for `newsdesk run` (default {DEFAULTS.db_dir})")
    serve.add_argument("--log-level", choices=LOG_LEVELS, type=str.upper,
                       help="log level of the served runs, kept on the Prefect server (default INFO, "
                            "or NEWSDESK_LOG_LEVEL / PREFECT_LOGGING_LEVEL)")
    serve.set_defaults(func=cmd_serve)

    report = sub.add_parser(
        "report", help="write a self-contained HTML report of the corpus (opens offline)",
        description="Build one HTML page from the database in --out-dir: articles per day and outlet, top "
                    "speakers with a sample quote, quotes over time, a map of place mentions, credits by agency. "
                    "Charts are inline SVG; the page loads nothing from the network.",
        epilog="Exit codes: 0 ok, 1 failed, 4 no database yet (run `newsdesk run` first).")
    report.add_argument("--out", default="report.html", help="HTML file to write (default report.html)")
    report.add_argument("--out-dir", default=DEFAULT_OUT, help=f"where the database is (default {DEFAULT_OUT})")
    report.set_defaults(func=cmd_report)

    export = sub.add_parser(
        "export", help="copy the current tables, marts, a database and the data dictionary into a folder for analysts",
        description="Copy the current snapshot (partitioned Parquet: articles, quotes, places, credits, rejects), "
                    "its marts as Parquet (marts/<name>.parquet), newsdesk.duckdb over them (query it with "
                    "`newsdesk sql --from DIR`), data-dictionary.md, schemas/<table>.json and export.json into --to. "
                    "The folder works wherever it is moved or copied. It is written beside --to and renamed into "
                    "place, so it is complete or absent.",
        epilog="Exit codes: 0 ok, 1 failed, 2 --to holds an earlier export (use --force) or something else "
               "(never replaced), 4 nothing to export yet.")
    export.add_argument("--to", required=True, metavar="DIR", help="destination folder (new, or empty)")
    export.add_argument("--out-dir", default=DEFAULT_OUT, help=f"where the tables are (default {DEFAULT_OUT})")
    export.add_argument("--force", action="store_true",
                        help="replace --to when it holds an earlier export (and nothing else)")
    export.set_defaults(func=cmd_export)

    docs = sub.add_parser(
        "docs", help="regenerate the data dictionary (docs/data-dictionary.md, docs/schemas/*.json)",
        description="Generate the data dictionary from the Pydantic table models (schemas/) and the SQL "
                    "models (sql/), whose column types are read by building them on empty tables in memory.",
        epilog="Exit codes: 0 ok (or current, with --check), 1 stale files (with --check).")
    docs.add_argument("--docs-dir", default="docs", help="folder to write into (default docs)")
    docs.add_argument("--check", action="store_true", help="write nothing; exit 1 if any generated file is stale")
    docs.add_argument("--dbt", nargs="?", const="dbt-docs", metavar="DIR",
                      help="instead, write dbt's documentation site of the SQL models (lineage graph, tests, "
                           "columns) into DIR (default dbt-docs): open DIR/static_index.html in a browser, offline")
    docs.set_defaults(func=cmd_docs)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
