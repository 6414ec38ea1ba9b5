"""Names (issue 24): who publishes a disclosure, as its cover prints it, and where that body sits.

Real documents: the bundled ones (data/raw/) and five copied from the shared corpus into tests/fixtures/names/
(each with its provenance sidecar saying what its page 1 prints, read by eye on the rendered page).  Hand-made
pages reproduce the kinds of wrong name a researcher met (issue 24): a suffix glued from the next word
("泉州市公安局部"), a title's tail ("上海市花卉良种试验场项目政府"), a party organ's name as the region ("中共重庆
市"), a blank publisher where the cover is a picture, a department named after its subordinate unit.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, RAW
from yusuan.pdf.pdfdoc import Document, open_document
from yusuan.steps.extract import publisher

NAMES = FIXTURES / "names"


def _doc(tmp_path: Path, *pages: str) -> Document:
    """A document of hand-made pages (its text layer only)."""
    return Document(path=tmp_path / "made.pdf", sha256="0" * 64, page_texts=list(pages),
                    page_sizes=[(595.0, 842.0)] * len(pages))


# ------------------------------------------------------------------ the name as the cover prints it

@pytest.mark.parametrize("path, printed", [
    # p.1 ".长春市信访局（本级）2026年度部门预算公开": the scope in brackets is part of the name
    (RAW / "jl-changchun-petitions-2026-budget.pdf", "长春市信访局（本级）"),
    # p.1 "2026 年度 / 福州市民政局(本级) / 单位预算": ASCII brackets, printed full-width
    (NAMES / "fz-civil-affairs-2026-unit-budget-p1-12-13.pdf", "福州市民政局（本级）"),
    # p.1 "西安市公安局（汇总） / 2026年部门预算公开说明"
    (NAMES / "xa-police-2026-budget-p1-22-23.pdf", "西安市公安局（汇总）"),
    # p.1 "北京市人民政府国有资产监督管理委员会 / 2026 部门预算情况的说明": a year without 年
    (NAMES / "bj-sasac-2026-budget.pdf", "北京市人民政府国有资产监督管理委员会"),
    # p.1 "大同市云冈区人民政府办公室（部门） / 2023 年度部门预算公开"
    (RAW / "yungang-govoffice-2023-budget.pdf", "大同市云冈区人民政府办公室（部门）"),
    # p.1 "2026 年中共深圳市委宣传部（本级） / 部门预算"
    (NAMES / "sz-publicity-2026-budget.pdf", "中共深圳市委宣传部（本级）"),
], ids=lambda v: v.name if isinstance(v, Path) else v)
def test_the_publisher_is_the_name_the_cover_prints(path, printed):
    assert publisher(open_document(path)) == printed


@pytest.mark.parametrize("path, printed, page", [
    # p.1 prints 北京市人民政府办公厅 as pictures; p.3 "北京市人民政府办公厅主要职责包括："
    (NAMES / "bj-govoffice-2026-budget.pdf", "北京市人民政府办公厅", 3),
    # the explanation half of a two-file disclosure: p.1 is its contents; p.3 "北京市审计局贯彻落实党中央…"
    (RAW / "bj-audit-2026-budget-text.pdf", "北京市审计局", 3),
], ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_a_cover_without_a_text_name_is_named_by_its_narrative(path, printed, page):
    from yusuan.steps.names import read_publisher

    doc = open_document(path)
    assert publisher(doc) == printed
    assert read_publisher(doc).source == f"narrative p. {page}"


def test_a_name_ends_where_it_ends(tmp_path):
    """A label's name is read to its end and no further: not into the title glued after it ("泉州市公安局部门预算…"
    is 泉州市公安局), not into the next line ("上海市花卉良种试验场" / "项目政府采购预算表")."""
    glued = _doc(tmp_path, "收支总表\n部门名称：泉州市公安局部门预算收支总表\n金额单位：万元\n一、一般公共预算拨款收入 1.00")
    assert publisher(glued) == "泉州市公安局"
    wrapped = _doc(tmp_path, "上海市2026年市级单位预算\n预算单位：上海市花卉良种试验场\n项目政府采购预算表\n2026年1月")
    assert publisher(wrapped) == "上海市花卉良种试验场"
    # "单位：万元" names no unit; a title whose words before the year are a region names nobody
    assert publisher(_doc(tmp_path, "上海市2026年市级单位预算\n单位：万元\n合计 1.00")) == ""


def test_a_department_is_not_named_after_its_subordinate_unit(tmp_path):
    """A department's disclosure whose tables name its units: the department's label first, and of two names one
    of which starts the other, the shorter (the department) — unless the document is that unit's own."""
    tables = ["单位名称：烟台市审计局计算中心\n单位：万元\n合计 1.00"] * 3
    labelled = _doc(tmp_path, "- 1 -", *tables, "部门名称：烟台市审计局\n单位：万元\n合计 1.00")
    assert publisher(labelled) == "烟台市审计局"
    units = _doc(tmp_path, "- 1 -", *tables, "单位名称：烟台市审计局\n合计 1.00")
    assert publisher(units) == "烟台市审计局"

    from yusuan.steps.names import read_publisher

    assert read_publisher(units, kind="单位预算").publisher == "烟台市审计局计算中心"
    # on page 1 beside each other: the department's label before the unit's
    cover = _doc(tmp_path, "2026年部门预算\n预算单位：烟台市审计局计算中心\n预算主管部门：烟台市审计局")
    assert publisher(cover) == "烟台市审计局"


# ------------------------------------------------------------------ where it sits

def test_a_party_organs_region_is_the_region_it_names():
    from yusuan.corpus.store import region

    assert region("中共深圳市委宣传部（本级）") == "广东省深圳市"
    assert region("中共重庆市委宣传部") == "重庆市"
    assert region("中国共产党广州市委员会宣传部") == "广东省广州市"
    assert region("中共中央宣传部") == "中央"


@pytest.mark.parametrize("path, year, expected", [
    (RAW / "sh-putuo-wanli-2025-budget.pdf", 2025,
     dict(province="上海市", city="上海市", county="普陀区", township="万里街道", division_code="310107", level="乡镇",
          region="上海市普陀区万里街道", unit_level="部门")),
    (RAW / "sz-finance-2026-budget.pdf", 2026,
     dict(province="广东省", city="深圳市", county=None, division_code="440300", level="市", region="广东省深圳市")),
    (RAW / "js-highcourt-2017-budget.pdf", 2017,
     dict(province="江苏省", city=None, division_code="320000", level="省", region="江苏省")),
    (RAW / "cn-petitions-2026-budget.pdf", 2026, dict(province=None, division_code=None, level="中央", region="中央")),
    # 大同市云冈区 (140214) since 2018, before it 南郊区 (140211)
    (RAW / "yungang-govoffice-2023-budget.pdf", 2023,
     dict(province="山西省", city="大同市", county="云冈区", division_code="140214", level="区县")),
    (RAW / "fj-fuzhou-police-order-2026-unit-budget.pdf", 2026,
     dict(province="福建省", city="福州市", level="市", unit_level="单位")),
], ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_place_and_level_of_real_documents(path, year, expected):
    from yusuan.steps.extract import disclosure_kind
    from yusuan.steps.names import fields, read_publisher

    doc = open_document(path)
    kind = disclosure_kind(doc)
    got = fields(doc, read_publisher(doc, kind=kind), year, kind)
    assert {k: got[k] for k in expected} == expected


def test_the_gazetteer():
    """yusuan.vocab.divisions: a region read only at the start of a name, completed upwards, in its year."""
    from yusuan.vocab.divisions import place_of

    assert place_of("昆山市财政局").as_dict() | {} == {"province": "江苏省", "city": "苏州市", "county": "昆山市",
                                                   "township": None, "division_code": "320583", "level": "区县",
                                                   "region": "江苏省苏州市昆山市"}
    assert place_of("大同市南郊区人民政府办公室", 2017).code == "140211"
    assert place_of("济源市财政局").city is None and place_of("济源市财政局").province == "河南省"
    # 朝阳区 is 北京市's and 长春市's: its level, no code
    assert (place_of("朝阳区财政局").level, place_of("朝阳区财政局").code) == ("区县", None)
    assert place_of("北京市朝阳区财政局").code == "110105"
    # 公安县 (湖北) inside "荆州市公安局" is no region: only the start of a name is read
    assert place_of("荆州市公安局").county is None and place_of("荆州市公安局").level == "市"
    assert place_of("上海交通职业技术学院").province == "上海市"
    assert place_of("审计局").level is None


def test_the_division_list_is_the_one_its_sidecar_describes():
    from importlib import resources

    from yusuan.base.provenance import sha256_file
    from yusuan.vocab.divisions import divisions

    folder = resources.files("yusuan.vocab")
    side = yaml.safe_load(folder.joinpath("divisions.csv.source.yml").read_text(encoding="utf-8"))
    assert sha256_file(Path(str(folder.joinpath("divisions.csv")))) == side["sha256"]
    now = [d for d in divisions() if d.last == 2024]
    # 民政部's counts for 2024: 34 province-level, 333 prefecture-level, 2,846 county-level divisions
    assert [sum(d.level == lv for d in now) for lv in ("province", "city", "county")] == [34, 333, 2846]


# ------------------------------------------------------------------ meta.json, the sidecar, the index

def test_meta_json_has_the_names_fields(tmp_path):
    """西安 p.3 of the excerpt (收入总表, 单位编码 column): "153 西安市公安局" — the department's code."""
    from yusuan.steps.extract import extract, write

    ex = extract(NAMES / "xa-police-2026-budget-p1-22-23.pdf")
    meta = json.loads((write(ex, tmp_path, export=False) / "meta.json").read_text(encoding="utf-8"))
    assert meta["publisher"] == "西安市公安局（汇总）" and meta["publisher_source"] == "cover p. 1"
    assert (meta["province"], meta["city"], meta["level"], meta["unit_level"]) == ("陕西省", "西安市", "市", "部门")
    assert (meta["division_code"], meta["department_code"]) == ("610100", "153")
    assert ex.doc_id.startswith("2026-budget-xianshigonganju-")


def test_a_sidecar_says_what_a_user_knows_better(tmp_path):
    from yusuan.base.errors import InputError
    from yusuan.steps.extract import extract

    pdf = tmp_path / "bj.pdf"
    shutil.copy(NAMES / "bj-govoffice-2026-budget.pdf", pdf)
    (tmp_path / "bj.pdf.meta.yml").write_text("publisher: 北京市人民政府办公厅（本级）\nlevel: 省\nunit_level: 单位\n"
                                              "department_code: 101\n", encoding="utf-8")
    ex = extract(pdf)
    assert ex.meta["publisher"] == "北京市人民政府办公厅（本级）" and ex.meta["publisher_source"] == "sidecar"
    assert (ex.meta["province"], ex.meta["unit_level"], ex.meta["department_code"]) == ("北京市", "单位", "101")
    assert ex.doc_id.startswith("2026-budget-beijingshibangongting-")  # the slug of the sidecar's name
    (tmp_path / "bj.pdf.meta.yml").write_text("publsher: 北京市\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown field"):
        extract(pdf)
    (tmp_path / "bj.pdf.meta.yml").write_text("level: 地级\n", encoding="utf-8")
    with pytest.raises(InputError, match="level"):
        extract(pdf)


def test_a_sidecar_edited_after_a_batch_is_read_again(tmp_path):
    from yusuan.corpus.batch import _sidecar_newer

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    row = {"stamp": str(10**18)}  # committed at some time
    assert not _sidecar_newer(pdf, row)
    side = tmp_path / "a.pdf.meta.yml"
    side.write_text("publisher: 北京市审计局\n", encoding="utf-8")
    import os

    os.utime(side, ns=(10**18 + 1, 10**18 + 1))
    assert _sidecar_newer(pdf, row) and not _sidecar_newer(pdf, {"stamp": str(10**18 + 2)})


def test_the_index_lists_where_each_publisher_sits(tmp_path):
    from yusuan.present.htmlreport import write_index, write_report
    from yusuan.steps.extract import extract, write

    folder = write(extract(NAMES / "xa-police-2026-budget-p1-22-23.pdf"), tmp_path / "processed", export=False)
    reports = tmp_path / "reports"
    (tmp_path / "figures").mkdir()
    write_report(folder, tmp_path / "figures", reports / folder.name / "report.html")
    html, csv_path = write_index(reports)
    import pandas as pd

    row = pd.read_csv(csv_path, dtype=str, keep_default_na=False).iloc[0]
    assert (row.publisher, row.region, row.province, row.city, row.level, row.unit_level, row.department_code) == \
        ("西安市公安局（汇总）", "陕西省西安市", "陕西省", "西安市", "市", "部门", "153")
    assert "陕西省西安市" in html.read_text(encoding="utf-8")
    assert "陕西省西安市 · 市级 · 部门" in (reports / folder.name / "report.html").read_text(encoding="utf-8")
