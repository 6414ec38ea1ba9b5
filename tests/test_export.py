"""The per-document workbook (<doc_id>.xlsx), data package (datapackage.json) and --excel-csv (export.py)."""
from __future__ import annotations

import csv
import json
import math
import re
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from conftest import RAW, SAMPLE_PDF, extraction

from yusuan import data
from yusuan.base.errors import InputError
from yusuan.present.export import (CURRENCY, HEADER_ROW, UNIT_FACTORS, export, sheet_names, source_line, unit_factor,
                           write_workbook)

FINAL_PDF = RAW / "sh-putuo-finance-2024-final.pdf"
NUM = re.compile(r"^-?\d+(\.\d+)?$")


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _meta(folder: Path) -> dict:
    return json.loads((folder / "meta.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory):
    """The sample audited and written the way `yusuan audit` does (findings, then the export)."""
    from yusuan.steps.audit import audit_and_write

    out = tmp_path_factory.mktemp("audit")
    result = audit_and_write(SAMPLE_PDF, out=out)
    return out / result.doc_id


@pytest.fixture(scope="module")
def final_folder(tmp_path_factory):
    """A 决算 written the way `yusuan extract` does (no findings)."""
    from yusuan.steps.extract import write

    return write(extraction(FINAL_PDF), tmp_path_factory.mktemp("extract"))


@pytest.fixture(scope="module")
def bom_folder(tmp_path_factory):
    from yusuan.steps.extract import write

    return write(extraction(SAMPLE_PDF), tmp_path_factory.mktemp("bom"), excel_csv=True)


@pytest.fixture(params=["sample", "final"])
def folder(request, sample_folder, final_folder):
    return sample_folder if request.param == "sample" else final_folder


def _workbook(folder: Path):
    return openpyxl.load_workbook(folder / f"{folder.name}.xlsx")


def _check_sheet(ws, rows: list[list[str]], numeric, integer=lambda j, v: False) -> None:
    """Every cell of a data sheet against its CSV: header at HEADER_ROW, rows in order, blanks blank,
    amounts numbers shown with their printed decimals and thousands separators, integers (page, row,
    year) plain integers, everything else the same text."""
    header, body = rows[0], rows[1:]
    got_header = [c.value for c in ws[HEADER_ROW]][:len(header)]
    assert [h or None for h in header] == got_header
    assert ws.max_row == HEADER_ROW + len(body) or (not body and ws.max_row <= HEADER_ROW)
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert all(c.font.b for c in ws[HEADER_ROW] if c.value is not None)
    for i, row in enumerate(body):
        cells = ws[HEADER_ROW + 1 + i]
        for j, v in enumerate(row):
            c = cells[j] if j < len(cells) else None
            got = c.value if c is not None else None
            if v == "":
                assert got is None, (ws.title, i, header[j], got)
            elif integer(j, v):
                assert isinstance(got, int) and got == int(v) and c.number_format == "General"
            elif numeric(j, v):
                assert isinstance(got, (int, float)) and not isinstance(got, bool), (ws.title, i, header[j], got)
                assert math.isclose(got, float(v), rel_tol=1e-15), (ws.title, i, header[j], got, v)
                if len(v.replace("-", "").replace(".", "").lstrip("0")) <= 15:
                    assert D(str(got)) == D(v), (ws.title, i, header[j], got, v)  # every printed figure: exact
                places = min(len(v.split(".")[1]) if "." in v else 0, 10)
                assert c.number_format == "#,##0" + ("." + "0" * places if places else "")
            else:
                assert got == v and c.data_type == "s", (ws.title, i, header[j], got, v)


def test_workbook_tables_as_printed(folder):
    meta = _meta(folder)
    wb = _workbook(folder)
    keys = sorted(p.stem for p in (folder / "tables").glob("*.csv"))
    names = sheet_names([t["key"] for t in meta["tables"] if t["key"] in keys])
    assert set(names) == set(keys) and set(names.values()) <= set(wb.sheetnames)
    assert all(len(n) <= 31 for n in wb.sheetnames) and len(set(wb.sheetnames)) == len(wb.sheetnames)
    for t in meta["tables"]:
        if t["key"] not in keys:
            continue
        ws = wb[names[t["key"]]]
        assert ws["A1"].value == (t["title"] or t["key"])
        assert t["unit"] in ws["A2"].value
        assert ws["A3"].value == source_line(meta, t["key"])
        assert ws["A3"].value.startswith("来源：") and "yusuan" in ws["A3"].value
        values = [s is not None for s in t["column_stages"]]
        _check_sheet(ws, _rows(folder / "tables" / f"{t['key']}.csv"),
                     lambda j, v: values[j] and bool(NUM.match(v)))


def test_workbook_codes_stay_text(folder):
    wb = _workbook(folder)
    codes = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            for c in row:
                if isinstance(c.value, str) and re.fullmatch(r"\d{3,7}", c.value):
                    codes += 1
                    assert c.number_format == "@"
    assert codes > 0  # function/economic codes (201, 20103, 2010301 …) are in the workbook as text


def test_workbook_tidy_sheet(folder):
    wb = _workbook(folder)
    rows = _rows(folder / "tidy.csv")
    header = rows[0]
    _check_sheet(wb["tidy"], rows, lambda j, v: header[j] == "value" and bool(NUM.match(v)),
                 lambda j, v: header[j] in ("page", "row", "year") and v.isdigit())
    code = header.index("code")
    texts = [wb["tidy"].cell(row=HEADER_ROW + 1 + i, column=code + 1).value for i, r in enumerate(rows[1:]) if r[code]]
    assert texts and all(isinstance(t, str) for t in texts)


def test_workbook_findings_and_about(sample_folder, final_folder):
    wb = _workbook(sample_folder)
    rows = _rows(sample_folder / "findings.csv")
    header = rows[0]
    _check_sheet(wb["findings"], rows,
                 lambda j, v: header[j] in ("stated", "computed", "difference", "tolerance") and bool(NUM.match(v)),
                 lambda j, v: header[j] in ("row", "page") and v.isdigit())
    about = {r[0].value: r[1].value for r in wb["about"].iter_rows(min_row=3, max_row=20) if r[0].value}
    meta = _meta(sample_folder)
    assert about["sha256"] == meta["sha256"] and about["年度 year"] == meta["year"]
    assert about["源文件 source file"] == SAMPLE_PDF.name and about["页数 pages"] == meta["pages"]
    assert meta["sha256"] in about["引用 how to cite"] and about["许可 licence"]
    assert about["地区 region"] == "山西省大同市云冈区" and about["层级 level"] == "区县级 · 部门"  # yusuan.steps.names
    assert "findings" not in _workbook(final_folder).sheetnames  # extract only: no audit yet


def test_workbook_figure_read_from_pdf(sample_folder):
    """收入总计 of the sample's 收支总表, read by eye on page 5 of the PDF: 1,592.14 万元."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(SAMPLE_PDF))
    try:
        text = pdf[4].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert re.search(r"收入总计\s*1,592\.14\s*支出总计\s*1,592\.14", text)
    ws = _workbook(sample_folder)["summary"]
    hits = [r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "收入总计"]
    assert len(hits) == 1
    row = hits[0]
    assert row[1].value == pytest.approx(1592.14) and row[1].number_format == "#,##0.00"
    assert row[2].value == "支出总计" and row[3].value == pytest.approx(1592.14)
    assert row[0].row == ws.max_row  # the last printed line of the table
    assert "第 4–5 页" in ws["A3"].value and ws["A2"].value == "单位：万元"


def test_workbook_byte_stable(sample_folder):
    path = sample_folder / f"{sample_folder.name}.xlsx"
    before = path.read_bytes()
    write_workbook(sample_folder)
    assert path.read_bytes() == before
    assert openpyxl.load_workbook(path).properties.modified.year == 1980


def test_datapackage_valid_and_typed(folder):
    import frictionless

    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    meta = _meta(folder)
    assert pkg["name"] == folder.name and meta["publisher"] in pkg["title"]
    assert pkg["sources"][0]["sha256"] == meta["sha256"] and pkg["sources"][0]["path"] == meta["file"]
    res = {r["name"]: r for r in pkg["resources"]}
    paths = {r["path"] for r in pkg["resources"]}
    assert {"tidy.csv"} | {f"tables/{p.name}" for p in (folder / "tables").glob("*.csv")} <= paths
    assert ("findings.csv" in paths) == (folder / "findings.csv").is_file()
    tidy = {f["name"]: f for f in res["tidy"]["schema"]["fields"]}
    assert tidy["value"]["type"] == "number" and tidy["code"]["type"] == "string"
    assert tidy["page"]["type"] == "integer" and tidy["row"]["type"] == "integer"
    # the declared types are what frictionless reads: numbers as numbers, codes as text with their zeros
    rows = frictionless.Package(str(folder / "datapackage.json")).get_resource("tidy").read_rows()
    assert rows and all(isinstance(r["value"], (D, float, int)) for r in rows)
    assert all(r["code"] is None or isinstance(r["code"], str) for r in rows)
    titles = {t["key"]: t["title"] for t in meta["tables"]}
    for r in pkg["resources"]:
        if r["path"].startswith("tables/"):
            key = r["path"][len("tables/"):-len(".csv")]
            assert r["title"] == (titles.get(key) or key)


def test_datapackage_money_matches_unit_column(folder):
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    meta = _meta(folder)
    units = {t["key"]: t["unit"] for t in meta["tables"]}
    tidy_units = {r[9] for r in _rows(folder / "tidy.csv")[1:]}
    res = {r["name"]: r for r in pkg["resources"]}
    # tidy: CNY, one factor per unit in its unit column
    value = next(f for f in res["tidy"]["schema"]["fields"] if f["name"] == "value")
    assert value["currency"] == CURRENCY == "CNY" and value["unitField"] == "unit"
    assert value["factors"] == {u: UNIT_FACTORS[u] for u in tidy_units if u in UNIT_FACTORS}
    m = pkg["model"]["measures"]["tidy-value"]
    assert m["currency"] == "CNY" and m["source"] == "value" and m["resource"] == "tidy"
    assert m.get("factor") == (UNIT_FACTORS[next(iter(tidy_units))] if len(tidy_units) == 1 else None)
    if len(tidy_units) > 1:
        assert m["factorField"] == "unit" and m["factors"] == value["factors"]
    # every printed table: its amount columns carry the factor of its printed unit
    for r in pkg["resources"]:
        if not r["path"].startswith("tables/"):
            continue
        key = r["path"][len("tables/"):-len(".csv")]
        f = unit_factor(units.get(key, ""))
        assert r.get("factor") == f
        for fld in r["schema"]["fields"]:
            if fld["type"] == "number":
                assert fld.get("factor") == f and fld["unit"] == units[key]
                assert fld.get("currency") == ("CNY" if f else None)  # no printed unit: no claim
                assert fld["phase"] in ("approved", "adjusted", "executed")
    for name, m in pkg["model"]["measures"].items():
        if name != "tidy-value":
            key = res[m["resource"]]["path"][len("tables/"):-len(".csv")]
            assert m["factor"] == unit_factor(units[key]) and m["currency"] == "CNY"
    dims = pkg["model"]["dimensions"]
    assert dims["stage"]["attributes"]["stage"]["source"] == "stage"
    assert dims["function-classification"]["classificationType"] == "functional"
    assert dims["economic-classification"]["classificationType"] == "economic"
    assert "general_budget_expenditure" in dims["function-classification"]["tables"]


def test_final_is_executed(final_folder):
    pkg = json.loads((final_folder / "datapackage.json").read_text(encoding="utf-8"))
    phases = {m.get("phase") for m in pkg["model"]["measures"].values()} - {None}
    assert "executed" in phases


def test_unit_factors():
    assert unit_factor("万元") == 10_000 and unit_factor("亿元") == 10 ** 8 and unit_factor("元") == 1
    assert unit_factor("") is None and unit_factor("人") is None


def test_sheet_names_fit_excel():
    keys = ["summary", "tidy", "a" * 40, "a" * 40 + "-2", "x/y", "performance_targets-12"]
    names = sheet_names(keys)
    assert names["summary"] == "summary" and names["performance_targets-12"] == "performance_targets-12"
    assert names["tidy"] != "tidy"  # the tidy sheet keeps its name
    assert all(len(n) <= 31 and "/" not in n for n in names.values())
    assert len({n.lower() for n in names.values()}) == len(keys)


def test_excel_csv_writes_bom_and_load_reads_it(bom_folder, tmp_path):
    for p in [bom_folder / "tidy.csv", *(bom_folder / "tables").glob("*.csv")]:
        assert p.read_bytes()[:3] == b"\xef\xbb\xbf", p
    d = data.load(bom_folder.name, base=bom_folder.parent)
    assert list(d.tidy.columns)[0] == "doc_id" and not any(c.startswith("\ufeff") for t in d.tables.values()
                                                            for c in t.columns)
    plain = extraction(SAMPLE_PDF).tidy
    assert d.tidy.astype(str).values.tolist() == plain.fillna("").astype(str).values.tolist()
    import frictionless

    pkg = json.loads((bom_folder / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["encoding"] for r in pkg["resources"]} == {"utf-8-sig"}
    assert frictionless.validate(str(bom_folder / "datapackage.json")).valid
    wb = _workbook(bom_folder)
    assert wb["tidy"].cell(row=HEADER_ROW, column=1).value == "doc_id"


def test_default_csv_has_no_bom(final_folder):
    assert (final_folder / "tidy.csv").read_bytes()[:3] != b"\xef\xbb\xbf"


def test_cli_excel_csv_option():
    from yusuan.cli import build_parser

    p = build_parser()
    assert p.parse_args(["extract", "x.pdf", "--excel-csv"]).excel_csv
    assert not p.parse_args(["audit", "x.pdf"]).excel_csv
    assert p.parse_args(["audit", "x.pdf", "--excel-csv"]).excel_csv


def test_export_failure_is_input_error(tmp_path, final_folder):
    import shutil

    broken = tmp_path / final_folder.name
    shutil.copytree(final_folder, broken)
    (broken / "meta.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        export(broken)
    assert "\n" not in str(exc.value) and "workbook" in str(exc.value)
    with pytest.raises(InputError):
        export(tmp_path / "nothing-here")
    assert not list(broken.glob(".*.xlsx.*"))  # no temporary file left behind
