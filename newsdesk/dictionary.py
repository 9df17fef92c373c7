"""The data dictionary: docs/data-dictionary.md and docs/schemas/<table>.json, generated.

Descriptions live once, with the Pydantic fields (schemas/tables.py); SQL models (the dbt project
in sql/) state their grain in a header comment. Staging views keep the Parquet columns under their
Parquet names, so they share the tables' descriptions. Types of the models are read by building
the project over empty Parquet tables, so the dictionary always shows what DuckDB really produces.

Regenerate with `newsdesk docs` (or `python -m newsdesk.dictionary`); `--check` only compares.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import typing
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsdesk import database, dbtbuild
from newsdesk.layout import DATABASE, PARTITION, PARTITIONED
from schemas import SCHEMA_VERSION, TABLES, arrow_schema
from schemas.arrow import arrow_type

DICTIONARY_FILE = "data-dictionary.md"
SCHEMAS_DIR = "schemas"

RE_ALIAS = re.compile(r"^(?P<expr>.+)\s+as\s+(?P<name>\w+)$", re.I | re.S)
RE_BARE = re.compile(r"^(?:\w+\.)?(?P<name>\w+)$")
RE_SELECT = re.compile(r"^\s*select\s+(?:distinct\s+)?", re.I)
RE_CLAUSE = re.compile(r"^(?:from|where|group|order|having|left|right|inner|join|on|with|create|select|union)\b"
                       r"|\bas\s*\($|^\)", re.I)
RE_FROM = re.compile(r"\s+from\s+", re.I)
RE_SOURCE_TABLE = re.compile(r"\bsource\(\s*'\w+'\s*,\s*'(\w+)'\s*\)")
RE_REF = re.compile(r"\bref\(\s*'(\w+)'\s*\)")
LAYERS = ("staging", "marts")
RE_COUNT = re.compile(r"^count_(\w+)$")
# A column passed through: `x`, `t.x`, `cast(x as date)`, `coalesce(t.x, 0)`, `any_value(t.x)`.
RE_PLAIN = re.compile(r"^(?:(?:cast|coalesce|any_value|trim)\()?(?:\w+\.)?(?P<column>\w+)"
                      r"(?:\s+as\s+\w+|,\s*[^()]+)?\)?$", re.I)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table or model."""

    name: str
    type: str
    nullable: bool | None  # None: not known (SQL models)
    description: str


@dataclass(frozen=True, slots=True)
class Model:
    """One SQL model: its layer, grain comment and columns."""

    name: str
    layer: str
    grain: str
    columns: list[Column]


def allowed_values(annotation) -> list[str]:
    """The values of a Literal annotation (inside Optional/Annotated), else []."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return [str(v) for v in typing.get_args(annotation)]
    if origin is not None:
        return [v for arg in typing.get_args(annotation) for v in allowed_values(arg)]
    return []


def table_columns(model) -> list[Column]:
    """The columns of a table model: Arrow type, nullability, description (+ allowed values)."""
    columns = []
    for name, info in model.model_fields.items():
        typ, nullable = arrow_type(info.annotation)
        description = info.description or ""
        values = allowed_values(info.annotation)
        if values:
            description += f" One of: {', '.join(f'`{v}`' for v in values)}."
        columns.append(Column(name, str(typ), nullable, description.strip()))
    return columns


def write_empty_tables(curated: Path) -> None:
    """Empty Parquet files for every table, laid out like a snapshot (for building models)."""
    for table, model in TABLES.items():
        schema = arrow_schema(model)
        where = curated / table
        if table in PARTITIONED:
            schema = schema.remove(schema.get_field_index(PARTITION))
            where = where / f"{PARTITION}=unknown"
        where.mkdir(parents=True)
        pq.write_table(schema.empty_table(), where / "part-0.parquet")


def model_files(project_dir: Path = dbtbuild.PROJECT_DIR) -> list[Path]:
    """Every model file of the dbt project, staging before marts, by name within a layer."""
    return [p for layer in LAYERS for p in sorted((project_dir / "models" / layer).glob("*.sql"))]


def model_types(project_dir: Path = dbtbuild.PROJECT_DIR) -> dict[str, list[tuple[str, str]]]:
    """Build the project over empty tables; (column, DuckDB type) per model."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-dictionary-") as tmp:
        write_empty_tables(Path(tmp))
        built = dbtbuild.build(Path(tmp) / DATABASE, Path(tmp), project_dir)
        con = database.connect(Path(tmp) / DATABASE)
        try:
            return {name: [(row[0], row[1]) for row in con.execute(f'describe "{name}"').fetchall()]
                    for name in (*built.views, *built.tables)}
        finally:
            con.close()


def grain(sql: str) -> str:
    """The header comment of a model (its leading `--` lines), as one sentence."""
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        lines.append(line.lstrip("-").strip())
    return " ".join(lines)


def select_items(sql: str) -> list[tuple[str, str, str]]:
    """(expression, output name, trailing comment) of every select-list item, line by line."""
    items = []
    for line in sql.splitlines():
        code, _, comment = line.partition("--")
        code = RE_SELECT.sub("", code).strip()
        if not code or RE_CLAUSE.match(code):
            continue
        code = RE_FROM.split(code)[0]
        parts = [p.strip() for p in split_top_level(code) if p.strip()]
        for i, part in enumerate(parts):
            match = RE_ALIAS.match(part) or RE_BARE.match(part)
            if match:
                note = comment.strip() if i == len(parts) - 1 else ""
                items.append((match.groupdict().get("expr") or part, match["name"], note))
    return items


def split_top_level(code: str) -> list[str]:
    """Split at commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(code):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(code[start:i])
            start = i + 1
    return parts + [code[start:]]


def column_lineage(sql: str, known: dict[str, str]) -> dict[str, str]:
    """Descriptions of a model's output columns: a trailing `-- comment`; else, for a plain
    (cast, coalesced) column, the description of the column it names; else its expression."""
    found: dict[str, str] = {}
    for expr, name, comment in select_items(sql):
        if name in found:
            continue
        plain = RE_PLAIN.match(expr.strip())
        if comment:
            found[name] = comment
        elif plain and plain["column"] in known:
            found[name] = known[plain["column"]]
        elif not plain:
            found[name] = " ".join(filter(None, [count_description(name), f"Computed as `{expr.strip()}`."]))
    return found


def count_description(name: str) -> str:
    """'count_place_mentions' -> 'Number of place mentions.' (the count_* naming convention)."""
    match = RE_COUNT.match(name)
    return f"Number of {match[1].replace('_', ' ')}." if match else ""


def sql_models(project_dir: Path = dbtbuild.PROJECT_DIR) -> list[Model]:
    """Every SQL model with its grain and typed, described columns."""
    types = model_types(project_dir)
    described: dict[str, dict[str, str]] = {}
    models = []
    for path in model_files(project_dir):
        sql = path.read_text(encoding="utf-8")
        known: dict[str, str] = {}
        for table in RE_SOURCE_TABLE.findall(sql):
            known.update({c.name: c.description for c in table_columns(TABLES[table])})
        for ref in RE_REF.findall(sql):
            for key, value in described.get(ref, {}).items():
                known.setdefault(key, value)
        lineage = column_lineage(sql, known)
        columns = [Column(name, typ, None, lineage.get(name) or known.get(name) or count_description(name))
                   for name, typ in types[path.stem]]
        described[path.stem] = {c.name: c.description for c in columns if c.description}
        models.append(Model(path.stem, path.parent.name, grain(sql), columns))
    return models


def write_dbt_site(target_dir: Path, project_dir: Path = dbtbuild.PROJECT_DIR) -> Path:
    """dbt's documentation site of the project (built over empty tables: the site shows models,
    lineage, tests and column types, not data), as one page; returns its path."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-dbt-docs-") as tmp:
        write_empty_tables(Path(tmp))
        return dbtbuild.generate_docs(target_dir, Path(tmp), project_dir)


def json_schema(table: str) -> dict:
    """JSON Schema of one table's rows (Pydantic's), with the schema version and storage notes."""
    schema = TABLES[table].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"newsdesk/{table}.json",
        "x-newsdesk-table": table,
        "x-newsdesk-schema-version": SCHEMA_VERSION,
        "x-newsdesk-partitioned-by": PARTITION if table in PARTITIONED else None,
        **schema,
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_columns(columns: list[Column], with_nullable: bool) -> list[str]:
    """A Markdown table of columns."""
    if with_nullable:
        lines = ["| column | type | nullable | description |", "|---|---|---|---|"]
        lines += [f"| `{c.name}` | `{c.type}` | {'yes' if c.nullable else 'no'} | {_cell(c.description)} |"
                  for c in columns]
    else:
        lines = ["| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c.name}` | `{c.type}` | {_cell(c.description)} |" for c in columns]
    return lines


def render_markdown(models: list[Model]) -> str:
    """The whole data dictionary as Markdown (deterministic: no dates, no paths)."""
    out = [
        "# newsdesk data dictionary",
        "",
        "<!-- Generated by `newsdesk docs` from schemas/ and sql/: do not edit by hand. -->",
        "",
        f"Schema version **{SCHEMA_VERSION}** (also in every Parquet file's schema metadata as "
        "`newsdesk.schema_version`; each column's description is in its field metadata as `description`).",
        "",
        "## Layout",
        "",
        "```",
        "<out-dir or export>/",
        "  articles/published_month=YYYY-MM/part-*.parquet   (also published_month=unknown)",
        "  quotes/   places/   credits/                      partitioned the same way",
        "  rejects/part-0.parquet                            not partitioned",
        "  newsdesk.duckdb                                   the SQL models below (views read the Parquet beside it)",
        "  marts/<mart>.parquet                              exports only: each mart as one Parquet file,",
        "  data-dictionary.md  schemas/<table>.json          this file, JSON Schemas of the rows,",
        "  export.json                                       and schema version, snapshot id, row counts",
        "```",
        "",
        "`published_month` is a Hive partition key: read with `hive_partitioning=true` (DuckDB), "
        "`pd.read_parquet(dir)` (pandas: the key comes back as a category) or "
        "`pl.read_parquet(dir + '/**/*.parquet', hive_partitioning=True)` (polars). Read it as a string: its "
        "values are `YYYY-MM` or `unknown`.",
        "",
        "Keys: `article_id` is unique in `articles`; `quotes.article_id`, `places.article_id` and "
        "`credits.article_id` always name an article. Types below are Arrow types.",
        "",
        "## Tables (Parquet)",
        "",
    ]
    for table, model in TABLES.items():
        note = f" Partitioned by `{PARTITION}`." if table in PARTITIONED else ""
        out += [f"### {table}", "", f"{model.__doc__.strip()}{note} JSON Schema: `schemas/{table}.json`.", ""]
        out += render_columns(table_columns(model), with_nullable=True) + [""]
    titles = {"staging": "Staging views (DuckDB)", "marts": "Marts (DuckDB tables)"}
    for layer in LAYERS:
        out += [f"## {titles[layer]}", ""]
        if layer == "staging":
            out += ["In `newsdesk.duckdb`: one view per Parquet table, with the same columns under the same "
                    "names (`stg_quotes.text` is `quotes.text`). The views read the Parquet by a path relative "
                    "to the database's folder: readers other than `newsdesk sql` set "
                    "`file_search_path` to that folder.", ""]
        else:
            out += ["In `newsdesk.duckdb` (and `marts/<name>.parquet` in an export): tables built by "
                    "`dbt build` from the staging views at the end of each run. Types below are DuckDB types.", ""]
        for model in (m for m in models if m.layer == layer):
            out += [f"### {model.name}", "", f"Grain: {model.grain}", ""]
            out += render_columns(model.columns, with_nullable=False) + [""]
    return "\n".join(out).rstrip() + "\n"


def generated_files(project_dir: Path = dbtbuild.PROJECT_DIR) -> dict[str, str]:
    """Every generated file: relative path -> content."""
    files = {DICTIONARY_FILE: render_markdown(sql_models(project_dir))}
    for table in TABLES:
        files[f"{SCHEMAS_DIR}/{table}.json"] = json.dumps(json_schema(table), indent=2, ensure_ascii=False) + "\n"
    return files


def stale_files(docs_dir: Path, files: dict[str, str] | None = None) -> list[str]:
    """Generated files that are missing or differ in docs_dir, plus JSON schemas of no table."""
    files = files if files is not None else generated_files()
    stale = [rel for rel, text in files.items()
             if not (docs_dir / rel).is_file() or (docs_dir / rel).read_text(encoding="utf-8") != text]
    extra = [f"{SCHEMAS_DIR}/{p.name}" for p in sorted((docs_dir / SCHEMAS_DIR).glob("*.json"))
             if f"{SCHEMAS_DIR}/{p.name}" not in files]
    return stale + extra


def write_docs(docs_dir: Path, files: dict[str, str] | None = None) -> list[Path]:
    """Write every generated file under docs_dir (removing JSON schemas of tables that are gone)."""
    files = files if files is not None else generated_files()
    (docs_dir / SCHEMAS_DIR).mkdir(parents=True, exist_ok=True)
    for old in (docs_dir / SCHEMAS_DIR).glob("*.json"):
        if f"{SCHEMAS_DIR}/{old.name}" not in files:
            old.unlink()
    written = []
    for rel, text in files.items():
        (docs_dir / rel).write_text(text, encoding="utf-8")
        written.append(docs_dir / rel)
    return written


def main(argv: list[str] | None = None) -> int:
    """`python -m newsdesk.dictionary [DOCS_DIR] [--check]`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in argv
    rest = [a for a in argv if a != "--check"]
    docs_dir = Path(rest[0]) if rest else Path("docs")
    if check:
        stale = stale_files(docs_dir)
        for rel in stale:
            print(f"stale: {docs_dir / rel}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_docs(docs_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
