"""Load a disclosure's processed outputs (for notebooks and the report runner).

    d = load("data/raw/yungang-govoffice-2023-budget.pdf")   # or load("2023-budget-yungangqubangongshi-2bae0bfee36f4f74")
    d.tidy, d.meta, d.tables["summary"], d.claims, d.findings

A PDF is matched to its processed folder by sha256 (meta.json), so nothing is
extracted again when data/processed/<doc_id>/ exists; only a PDF never seen is
extracted (and written).  Relative paths are resolved against the project root
(:data:`yusuan.base.paths.ROOT`), never the working directory, so notebooks run the same
from notebooks/ (nbval) and from the root (papermill).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from yusuan import __version__
from yusuan.base import paths
from yusuan.base.errors import InputError

FINDING_ORDER = {"mismatch": 0, "rounding": 1, "unverifiable": 2, "ok": 3}


def resolve(p: str | Path | None) -> Path | None:
    """A path as given in a notebook parameter: relative paths are relative to the project root."""
    if p is None or str(p).strip() == "":
        return None
    p = Path(str(p)).expanduser()
    return p if p.is_absolute() else (paths.ROOT / p)


def rel(p: str | Path) -> str:
    """A path for printing: relative to the project root when inside it (outputs must not show absolute paths)."""
    p = Path(p)
    try:
        return p.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return p.name


def _read_csv(path: Path) -> pd.DataFrame:
    """A CSV of a document folder as strings (blank = ""); UTF-8 with or without a BOM (``--excel-csv``)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _sha256(path: Path) -> str:
    from yusuan.base.provenance import sha256_file

    return sha256_file(path)


def find_processed(pdf: str | Path, base: str | Path | None = None) -> Path | None:
    """The processed folder of this PDF (same sha256 in meta.json), or None.  When several match (an
    older extraction left behind), the one written by this yusuan version, then the newest, wins."""
    pdf = resolve(pdf)
    base = resolve(base) or paths.PROCESSED
    if pdf is None or not pdf.is_file():
        raise InputError(pdf or "", "no such file")
    sha = _sha256(pdf)
    hits = []
    for meta_path in base.glob(f"*-{sha[:8]}*/meta.json"):
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if meta.get("sha256") == sha:
            current = meta.get("versions", {}).get("yusuan") == __version__
            hits.append((current, meta_path.stat().st_mtime, meta_path.parent))
    return max(hits)[2] if hits else None


def _version_of(folder: Path) -> str | None:
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8")).get("versions", {}).get("yusuan")
    except (OSError, ValueError):
        return None


def doc_id_for(pdf: str | Path, base: str | Path | None = None, extract_missing: bool = True) -> str:
    """The doc_id of a PDF: from its processed folder when there is one written by this version of yusuan, else by
    extracting (and writing) it — an earlier version's folder is read again, so a notebook never shows what an
    older reader made of the file."""
    folder = find_processed(pdf, base)
    if folder is not None and _version_of(folder) == __version__:
        return folder.name
    if folder is not None and not extract_missing:
        return folder.name  # an earlier version's reading, as asked
    if not extract_missing:
        raise InputError(pdf, "not extracted yet (run `yusuan extract` first)")
    from yusuan.steps.extract import extract, write

    ex = extract(resolve(pdf))
    return write(ex, resolve(base) or paths.PROCESSED).name


@dataclass
class Disclosure:
    doc_id: str
    folder: Path
    meta: dict
    tidy: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    claims: pd.DataFrame | None = None
    findings: pd.DataFrame | None = None
    pdf: Path | None = None

    def __iter__(self):  # tidy, meta, tables, claims, findings = load(...)
        return iter((self.tidy, self.meta, self.tables, self.claims, self.findings))

    @property
    def title(self) -> str:
        m = self.meta
        return f"{m.get('publisher') or m.get('file')} {m.get('year') or ''}年{m.get('kind') or ''}".strip()

    def table_list(self) -> pd.DataFrame:
        """meta's tables as a frame: key, title, unit, pages, rows, empty, notes."""
        rows = []
        for t in self.meta.get("tables", []):
            rows.append({"key": t["key"], "title": t["title"], "unit": t.get("unit") or "",
                         "pages": ",".join(map(str, t.get("pages") or [])), "rows": t.get("rows"),
                         "empty": bool(t.get("empty")), "notes": "；".join(t.get("notes") or [])})
        return pd.DataFrame(rows, columns=["key", "title", "unit", "pages", "rows", "empty", "notes"])


def load(doc_id_or_pdf: str | Path, base: str | Path | None = None) -> Disclosure:
    """(tidy, meta, tables, claims, findings) of one disclosure, by doc_id or by PDF path."""
    s = str(doc_id_or_pdf)
    base_dir = resolve(base) or paths.PROCESSED
    pdf = None
    if s.lower().endswith(".pdf") or ("/" in s and not (base_dir / s).is_dir()):
        pdf = resolve(s)
        doc_id = doc_id_for(pdf, base_dir)
    else:
        doc_id = s
    folder = base_dir / doc_id
    if not (folder / "meta.json").is_file():
        raise InputError(folder, "no processed data here (meta.json missing)")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    tidy = _read_csv(folder / "tidy.csv")
    tables = {p.stem: _read_csv(p) for p in sorted((folder / "tables").glob("*.csv"))}
    claims = _read_csv(folder / "claims.csv") if (folder / "claims.csv").is_file() else None
    findings = _read_csv(folder / "findings.csv") if (folder / "findings.csv").is_file() else None
    if pdf is None:
        guess = paths.RAW / meta.get("file", "")
        pdf = guess if meta.get("file") and guess.is_file() else None
    return Disclosure(doc_id, folder, meta, tidy, tables, claims, findings, pdf)


def audit_available() -> bool:
    try:
        from yusuan.steps import audit
    except ImportError:
        return False
    return hasattr(audit, "audit_and_write")


def _stale(path: Path) -> bool:
    code = max(p.stat().st_mtime for p in Path(__file__).parent.rglob("*.py"))
    return not path.is_file() or path.stat().st_mtime < code


def ensure_audit(d: Disclosure, previous: str | Path | None = None, base: str | Path | None = None) -> Disclosure:
    """The disclosure with claims/findings: run the audit when findings.csv is missing, or older than the
    yusuan code that computes it (so a notebook never shows findings of an earlier version of the checks)."""
    if not audit_available() or d.pdf is None:
        return d
    if d.findings is not None and not _stale(d.folder / "findings.csv"):
        return d
    from yusuan.steps.audit import audit_and_write

    audit_and_write(d.pdf, previous=resolve(previous), out=resolve(base))
    return load(d.doc_id, base)


def ordered_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Mismatches first, then rounding, unverifiable, ok; stable within a status (printed order)."""
    if findings is None or findings.empty:
        return findings
    key = findings.get("status", pd.Series("", index=findings.index)).map(lambda s: FINDING_ORDER.get(s, 9))
    return findings.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k").reset_index(drop=True)


LEVELS = {3: "类", 5: "款", 7: "项"}


def code_tree(tidy: pd.DataFrame, table: str = "general_budget_expenditure", prefix: str = "") -> pd.DataFrame:
    """The function-coded rows of a table (code starting with `prefix`), one line per printed row with its level
    (类/款/项 = 3/5/7 digits) and one column per printed amount column, values as printed."""
    t = tidy[(tidy["table"] == table) & (tidy["code"].str.len() > 0) & tidy["code"].str.startswith(prefix)]
    if t.empty:
        return pd.DataFrame(columns=["code", "level", "item"])
    order = list(dict.fromkeys(t["column"]))
    wide = t.pivot_table(index=["page", "row", "code", "item"], columns="column", values="value", aggfunc="first",
                         sort=False).reset_index()
    wide["_o"] = [(int(p), int(r)) for p, r in zip(wide["page"], wide["row"])]
    wide = wide.sort_values("_o").drop(columns=["_o", "page", "row"]).fillna("")
    wide.insert(1, "level", [LEVELS.get(len(c), "?") for c in wide["code"]])
    wide.columns.name = None
    return wide[["code", "level", "item"] + [c for c in order if c in wide.columns]].reset_index(drop=True)


def largest_class(tidy: pd.DataFrame, table: str = "general_budget_expenditure") -> str:
    """The code of the 类 (3-digit code) with the largest first printed amount in ``table`` — the branch a
    teaching notebook shows, whatever the disclosure; "" when the table prints no 类."""
    from yusuan.base.numbers import parse_number

    t = tidy[(tidy["table"] == table) & (tidy["code"].str.len() == 3)]
    if t.empty:
        return ""
    first = t.groupby("code", sort=False)["value"].first()
    amounts = {c: (parse_number(str(v)) or 0) for c, v in first.items()}
    return max(amounts, key=lambda c: amounts[c])


def nesting_check(tree: pd.DataFrame, column: str) -> pd.DataFrame:
    """For every 类 and 款 in a code_tree: its printed amount and the sum of the amounts printed one level below."""
    from decimal import Decimal

    from yusuan.base.numbers import parse_number

    rows = []
    codes = list(tree["code"])
    for code, item, value in zip(tree["code"], tree["item"], tree[column]):
        if len(code) not in (3, 5):
            continue
        kids = [parse_number(v) for c, v in zip(codes, tree[column]) if len(c) == len(code) + 2 and c.startswith(code)]
        if not kids:
            continue
        printed = parse_number(value) or Decimal(0)
        total = sum((k or Decimal(0) for k in kids), Decimal(0))
        rows.append({"code": code, "item": item, "printed": str(printed), "children": len(kids),
                     "sum_of_children": str(total), "difference": str(printed - total)})
    return pd.DataFrame(rows, columns=["code", "item", "printed", "children", "sum_of_children", "difference"])
