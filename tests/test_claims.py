"""Tests for yusuan.check.claims — the narrative claims parser.

Expected values were read by hand from the page texts of the PDFs in data/raw/.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from yusuan.check.claims import Claim, claims_frame, narrative_pages, parse_claims

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
D = Decimal


@lru_cache(maxsize=None)
def pages_of(name: str) -> tuple[str, ...]:
    pdfium = pytest.importorskip("pypdfium2")
    path = RAW / name
    if not path.exists():
        pytest.skip(f"{path} missing")
    pdf = pdfium.PdfDocument(str(path))
    try:
        return tuple(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


@lru_cache(maxsize=None)
def claims_of(name: str) -> tuple[Claim, ...]:
    return tuple(parse_claims(list(pages_of(name))))


def find(claims, kind, value=None, subject=None, page=None, **kw):
    out = []
    for c in claims:
        if c.kind != kind:
            continue
        if value is not None and c.value != D(value):
            continue
        if subject is not None and subject not in c.subject:
            continue
        if page is not None and c.page != page:
            continue
        if any(getattr(c, k) != v for k, v in kw.items()):
            continue
        out.append(c)
    return out


def one(claims, kind, value=None, subject=None, **kw):
    hits = find(claims, kind, value, subject, **kw)
    assert hits, f"no {kind} claim value={value} subject={subject} {kw}"
    return hits[0]


# --------------------------------------------------------------------------- the sample

SAMPLE = "yungang-govoffice-2023-budget.pdf"


def test_sample_narrative_pages():
    idx = narrative_pages(list(pages_of(SAMPLE)))
    assert 19 in idx and 20 in idx          # pages 20–21 carry 第三部分 情况说明
    for table_page in (3, 5, 6, 7, 9, 10, 17, 18):  # 0-based indices of pure table pages
        assert table_page not in idx


@pytest.mark.parametrize("value,subject", [
    ("87.01", "一般公共服务支出"),
    ("6.68", "社会保障和就业支出"),
    ("2.18", "卫生健康支出"),
    ("4.13", "住房保障支出"),
])
def test_sample_structure_shares(value, subject):
    c = one(claims_of(SAMPLE), "share", value, subject=subject)
    assert c.subject == subject
    assert c.unit == "%"
    assert c.page == 20
    assert c.total == D("1592.14")
    assert c.basis == "一般公共预算当年拨款"
    assert c.section == "五、一般公共预算支出情况说明"


def test_sample_share_has_its_amount():
    cl = claims_of(SAMPLE)
    amt = one(cl, "amount", "1385.37", subject="一般公共服务支出", parent="一般公共预算当年拨款")
    assert amt.value == D("1385.37") and str(amt.value) == "1385.37"
    assert amt.unit == "万元"


def test_sample_basic_and_project_shares():
    cl = claims_of(SAMPLE)
    basic = one(cl, "share", "45.15")
    project = one(cl, "share", "54.85")
    assert basic.subject == "基本支出"
    assert project.subject == "项目支出"
    assert basic.total == project.total == D("1592.14")
    assert one(cl, "amount", "718.87", subject="基本支出").parent == "支出预算"
    hundred = one(cl, "share", "100.00")
    assert hundred.subject == "一般公共预算拨款收入"
    assert str(hundred.value) == "100.00"  # printed decimals kept


def test_sample_change_amount_and_percent():
    cl = claims_of(SAMPLE)
    changes = find(cl, "change_amount", "21.73")
    assert len(changes) >= 3  # 收入总计, 支出总计, 一般公共预算当年拨款
    for c in changes:
        assert c.direction == "增加"
        assert c.basis == "比上年"
        assert "1,592.14" in c.sentence
    pct = find(cl, "change_percent", "1.38")
    assert len(pct) == len(changes)
    assert all(p.direction == "增加" and p.basis == "比上年" for p in pct)
    bgt = one(cl, "change_amount", "21.73", subject="一般公共预算当年拨款")
    assert bgt.page == 20
    # the change after "其中：本年收入…，上年结转…" is about the total, not the last sub-item
    assert find(cl, "change_amount", "21.73", subject="预算收入总计")
    assert not find(cl, "change_amount", "21.73", subject="上年结转")


def test_sample_sangong():
    cl = claims_of(SAMPLE)
    amt = one(cl, "amount", "3.77", subject="三公")
    assert amt.subject == '"三公"经费'
    assert amt.year == 2023
    ch = one(cl, "change_amount", "19.73", subject="三公")
    assert ch.direction == "减少"
    assert "2022" in ch.basis
    assert ch.page == 21
    car = one(cl, "change_amount", "19.73", subject="公务用车运行维护费")
    assert car.direction == "减少" and car.basis.startswith("与上年相比")
    same = find(cl, "same")
    assert {c.subject for c in same} == {"因公出国(境)费", "公务接待费", "公务用车购置费"}
    assert all(c.basis == "与上年预算数相同" and c.value is None and c.direction == "持平" for c in same)
    assert all(c.parent == '"三公"经费' for c in same)


def test_sample_count_and_list():
    cl = claims_of(SAMPLE)
    cnt = one(cl, "count", "27")
    assert cnt.unit == "个"
    assert "项目" in cnt.subject and "绩效目标" in cnt.subject
    assert cnt.year == 2023
    lst = one(cl, "list", subject="公用经费")
    assert lst.items == ("邮电费", "办公费", "公务用车运行维护费", "福利费", "其他商品和服务支出",
                         "其他交通费用", "工会经费", "委托业务费", "手续费")
    assert lst.value is None and lst.unit == ""
    assert one(cl, "amount", "64.99", subject="公用经费").parent == "一般公共预算基本支出"
    assert len(one(cl, "list", subject="人员经费").items) == 11


def test_sample_major_projects():
    # p.21: three "<unit>重大项目分别有A、B、C3个项目" lines, the last one followed by a table title
    cl = claims_of(SAMPLE)
    counts = {c.subject: c for c in find(cl, "count", "3", page=21)}
    assert set(counts) == {"人民政府办公室重大项目", "信息网络中心重大项目", "公共事务服务中心重大项目"}
    assert counts["人民政府办公室重大项目"].items == ("12345政府服务热线", "密码设备采购", "业务费")
    assert counts["信息网络中心重大项目"].items == (
        "OA协同办公系统和门户网站运维费", "互联网专线和视频会议室专线租赁费", "退休人员职业年金")
    assert counts["公共事务服务中心重大项目"].items == ("管辖区域电费", "管辖区域水费", "管辖区域维修维护费")
    for c in counts.values():
        assert c.unit == "个" and c.sentence.endswith("3个项目")  # one statement each, no table title
        assert "申报表" not in c.sentence and c.sentence.count("重大项目") == 1


def test_sample_purchased_services_and_vehicles():
    cl = claims_of(SAMPLE)
    gm = one(cl, "count", "1", unit="项")
    assert gm.subject == "人民政府办公室政府购买服务项目" and gm.items == ("12345政府服务热线",) and gm.page == 33
    cars = find(cl, "count", unit="辆", page=33)
    assert [(c.subject, c.value) for c in cars] == [("公共事务服务中心预算编制公务用车", D(2)),
                                                    ("公共事务服务中心实有公务用车", D(2))]


def test_sample_definitions_claim_nothing():
    # 第四部分 名词解释: "七、单位资金：是指…，包括事业收入、事业单位经营收入、…" is a definition
    cl = claims_of(SAMPLE)
    assert not [c for c in cl if c.page >= 33 and c.kind in ("list", "same")]
    assert all(c.subject for c in cl)


def test_synthetic_listed_counts_and_definitions():
    page = (
        "十、绩效管理情况\r\n"
        "甲中心重点项目分别有设备购置、系统运维2个项目\r\n"
        "乙办公室重点项目分别有物业管理费、水电费、维修费3个项目\r\n"
        "丙中心有1项政府购买服务项目为保洁服务。\r\n"
        "公共服务中心实有车辆3辆，预算编制2辆；综合办公室无车辆。\r\n"
        "项目支出绩效目标申报表\r\n"
        "第四部分名词解释\r\n"
        "一、单位资金：是指除财政拨款以外的资金，包括事业收入、经营收入、其他收入。\r\n"
        "二、一般公共预算是指以税收为主体的财政收入，包括税收收入、非税收入。\r\n"
        "1.财政拨款收入：本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金拨款。\r\n"
    )
    cl = parse_claims([page])
    a = one(cl, "count", "2", unit="个")
    assert a.subject == "甲中心重点项目" and a.items == ("设备购置", "系统运维")
    b = one(cl, "count", "3", unit="个")
    assert b.subject == "乙办公室重点项目" and b.items == ("物业管理费", "水电费", "维修费")
    assert b.sentence == "乙办公室重点项目分别有物业管理费、水电费、维修费3个项目"  # not run into the title
    g = one(cl, "count", "1", unit="项")
    assert g.subject == "丙中心政府购买服务项目" and g.items == ("保洁服务",)
    cars = find(cl, "count", unit="辆")
    assert [(c.subject, c.value) for c in cars] == [("公共服务中心实有车辆", D(3)),
                                                    ("公共服务中心预算编制车辆", D(2))]
    assert not find(cl, "list")  # definitions list nothing about the budget
    assert all(c.subject for c in cl)


def test_sample_procurement():
    cl = claims_of(SAMPLE)
    total = one(cl, "amount", "224.87")
    assert total.subject == "政府采购预算总额"
    assert total.year == 2023 and total.page == 21
    for value, subject in (("96.77", "政府采购货物预算"), ("0", "政府采购工程预算"), ("128.1", "政府采购服务预算")):
        sub = one(cl, "amount", value, subject=subject)
        assert sub.parent == total.subject
        assert sub.unit == "万元"
    # printed "128.1" beside 224.87 and 96.77: the sentence drops trailing zeros, so it is 128.10 (± 0.005), an
    # exact Decimal (never 128.09999…); the sentence keeps the figure as printed
    served = one(cl, "amount", "128.1", subject="政府采购服务预算")
    assert str(served.value) == "128.10" and "128.1万元" in served.sentence


def test_values_are_decimal_everywhere():
    for name in (SAMPLE, "cn-petitions-2026-budget.pdf"):
        for c in claims_of(name):
            assert c.value is None or isinstance(c.value, Decimal)
            assert c.total is None or isinstance(c.total, Decimal)
            assert c.kind in {"amount", "share", "change_amount", "change_percent", "count", "list", "same"}


def test_claims_frame():
    cl = claims_of(SAMPLE)
    df = claims_frame(cl)
    assert len(df) == len(cl)
    assert list(df.columns) == ["page", "sentence", "subject", "kind", "value", "unit", "basis", "direction",
                                "parent", "total", "items", "year", "section", "scope", "fund", "own_fund",
                                "alt_subject"]
    row = df[(df.kind == "list") & (df.subject == "公用经费")].iloc[0]
    assert row["items"].startswith("邮电费、办公费、")
    assert df[df.kind == "share"]["value"].map(type).eq(Decimal).all()


# --------------------------------------------------------------------------- synthetic text

def test_synthetic_page_phrasings():
    page = (
        "二、收入预算情况说明\r\n"
        "2025 年当年预算执行数为 1690.69 万元，2026 年预算安排 1,672.67 万元，比 2025 年预算执行数减少\r\n"
        "1.07%。主要原因是人员调整。\r\n"
        "三、其他\r\n"
        "2026 年机关运行经费 1.2 亿元，较上年下降 3.5%，政府采购预算 120,000 元，同比增长 2%。\r\n"
    )
    cl = parse_claims([page])
    a = one(cl, "amount", "1690.69")
    assert a.year == 2025
    b = one(cl, "amount", "1672.67")
    assert b.year == 2026
    p = one(cl, "change_percent", "1.07")
    assert p.direction == "减少" and p.basis == "比2025年预算执行数"
    yi = one(cl, "amount", "1.2")
    assert yi.unit == "亿元" and yi.subject == "机关运行经费"
    assert one(cl, "change_percent", "3.5").direction == "减少"
    yuan = one(cl, "amount", "120000")
    assert yuan.unit == "元"
    assert one(cl, "change_percent", "2").direction == "增加"
    assert one(cl, "change_percent", "2").basis == "同比"


# --------------------------------------------------------------------------- real disclosures

def test_real_cn_petitions():
    cl = claims_of("cn-petitions-2026-budget.pdf")
    s = one(cl, "share", "81.65")
    assert s.subject == "一般公共服务支出" and s.page == 18
    assert s.total == D("18728.91")
    assert one(cl, "amount", "15291.3", subject="一般公共服务支出").page == 18
    ch = one(cl, "change_amount", "271.14")
    assert "行政运行" in ch.subject and ch.direction == "增加" and ch.basis == "比2025年执行数" and ch.page == 21
    assert one(cl, "change_percent", "4.88").subject == ch.subject
    dec = one(cl, "change_amount", "20766.6")
    assert dec.direction == "减少" and dec.page == 20
    assert one(cl, "change_percent", "55.76").direction == "减少"  # "减幅55.76%"
    same = one(cl, "same", subject="机关服务")
    assert same.basis == "与2025年执行数相同"
    proc = one(cl, "amount", "4308.39", subject="政府采购预算总额")
    assert proc.page == 26
    assert one(cl, "amount", "2315.5", subject="政府采购货物预算").parent == "政府采购预算总额"
    assert one(cl, "count", "15", unit="辆").page == 26


def test_real_bj_audit_text():
    cl = claims_of("bj-audit-2026-budget-text.pdf")
    assert one(cl, "amount", "32852.05", subject="收入预算").page == 6
    prior = one(cl, "amount", "30385.62")
    assert prior.year == 2025
    ch = one(cl, "change_amount", "2466.43", subject="收入预算")
    assert ch.direction == "增加" and ch.basis == "比2025年年初预算数"
    assert one(cl, "change_percent", "8.12", subject="收入预算").direction == "增加"
    share = one(cl, "share", "76.76")
    assert "基本支出" in share.subject and share.basis == "本年支出预算" and share.page == 7
    assert one(cl, "amount", "173.52").subject == "因公出国（境）费用"  # subject from "（一）因公出国（境）费用。"
    proc = one(cl, "amount", "4988.73")
    assert proc.subject == "政府采购预算总额" and proc.page == 9
    assert one(cl, "amount", "238.78").parent == "政府采购预算总额"
    assert one(cl, "amount", "1637.76").subject.startswith("机关运行经费")  # number wrapped to its own line


def test_real_hz_meteorology():
    cl = claims_of("hz-meteorology-2026-budget.pdf")
    ch = one(cl, "change_amount", "13.59")
    assert ch.subject == "一般公共预算当年拨款" and ch.basis == "比上年执行数" and ch.page == 5
    assert one(cl, "change_percent", "0.2").direction == "增加"
    sh = one(cl, "share", "97.9")
    assert sh.subject == "一般公共预算拨款收入" and sh.total == D("5876.67") and sh.page == 4
    # the change stated in the sentence after the amount ("…28.00万元，主要用于…。比上年执行数减少…")
    dec = one(cl, "change_amount", "113.53")
    assert dec.direction == "减少" and "科技成果转化与扩散" in dec.subject and dec.page == 6
    assert one(cl, "change_percent", "80.2").direction == "减少"  # "下降80.2%"
    assert one(cl, "same", subject="公务接待费").basis == "与上年预算数持平"


def test_real_sh_putuo_wanli_2025():
    cl = claims_of("sh-putuo-wanli-2025-budget.pdf")
    s = one(cl, "amount", "37.91")
    assert s.subject == '"三公"经费' and s.page == 30 and s.year == 2025
    ch = one(cl, "change_amount", "10", subject="三公")
    assert ch.direction == "减少" and ch.basis == "比2024年预算"
    assert one(cl, "same", subject="因公出国（境）费").basis == "比2024年预算持平"
    assert one(cl, "change_amount", "3355.65", subject="财政拨款收入").direction == "增加"
    assert one(cl, "count", "49").subject.endswith("项目")
    assert one(cl, "amount", "983.05").parent == "政府采购预算"
    assert one(cl, "amount", "1788.77").subject == "城乡社区支出（类）城乡社区管理事务（款）行政运行（项）"


def test_real_js_highcourt_2019():
    cl = claims_of("js-highcourt-2019-budget.pdf")
    a = one(cl, "amount", "17279.29")
    assert a.subject == "法院（款）行政运行（项）支出" and a.page == 20
    ch = one(cl, "change_amount", "2421.68")
    assert ch.subject == a.subject and ch.direction == "增加" and ch.basis == "与上年相比"
    assert one(cl, "change_percent", "16.30").subject == a.subject
    sh = one(cl, "share", "31.14")
    assert sh.subject == "因公出国（境）费支出" and sh.basis == '"三公"经费'


def test_real_sz_finance():
    cl = claims_of("sz-finance-2026-budget.pdf")
    ch = one(cl, "change_amount", "956.74")
    assert ch.direction == "减少" and ch.basis == "较2025年年初预算" and ch.page == 12
    assert one(cl, "change_percent", "26.0").direction == "减少"
    # count wrapped across a page break: "设置并编报 8" / "个项目绩效目标"
    assert one(cl, "count", "8", unit="个").page == 10


# --------------------------------------------------------------------------- subjects that are only generic words
# "年初预算为10.00万元，支出决算为10.00万元" — 预算 / 支出决算 / 预算数 / 采购金额 say which figure is meant, not of
# what; the subject is the item the sentence, its paragraph heading or its organisation names.

GENERIC_WORDS = {"预算", "预算数", "决算", "决算数", "支出决算", "收入决算", "年初预算", "年初预算数", "预算金额",
                 "采购金额", "金额", "资金", "预算资金", "本年数", "合计", "总计"}


def test_real_putuo_finance_final_items_under_their_heading():
    cl = claims_of("sh-putuo-finance-2024-final.pdf")
    p22 = [c for c in cl if c.page == 22 and c.kind in ("amount", "same")]
    assert len(p22) == 25
    # every figure of p22 is the classification item its numbered paragraph is about
    assert all(c.subject.endswith("（项）") for c in p22), [c.subject for c in p22]
    run = "一般公共服务支出（类）财政事务（款）行政运行（项）"
    assert [c.subject for c in find(cl, "amount", "1560.05")] == [run]   # 年初预算为
    assert [c.subject for c in find(cl, "amount", "1511.89")] == [run]   # 支出决算为
    general = "一般公共服务支出（类）财政事务（款）一般行政管理事务（项）"  # a heading over 30 characters
    tens = find(cl, "amount", "10.00", page=22)
    assert [c.subject for c in tens] == [general, general]
    assert one(cl, "same", subject=general, page=22).basis == "与预算数基本持平"
    pension = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
    assert one(cl, "amount", "161.62").subject == pension
    assert one(cl, "amount", "160.75").subject == pension
    # p21: "一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元" — the same item's 决算
    fin = [c for c in find(cl, "amount", "2940.05", page=21) if "支出决算为2940.05" in c.sentence]
    assert [c.subject for c in fin] == ["一般公共预算财政拨款支出决算"]
    # …whose parts ("其中：1、…") the p22 items are
    assert one(cl, "amount", "1511.89").parent == "一般公共预算财政拨款支出决算"


def test_real_putuo_finance_final_other_generic_words():
    cl = claims_of("sh-putuo-finance-2024-final.pdf")
    # "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，…其中：因公出国（境）费决算为0.00万元"
    three = [c for c in find(cl, "amount", "0.00", page=23) if "三公" in c.subject]
    assert [c.subject for c in three] == ['"三公"经费财政拨款支出决算']
    assert one(cl, "amount", "0.00", subject="因公出国（境）费决算").parent == '"三公"经费财政拨款支出决算'
    # "编报绩效目标的2024年度项目4个，涉及预算金额598.42万元" — the money of the projects just counted
    assert [c.subject for c in find(cl, "count", "4", page=23)][:3] == [
        "编报绩效目标的项目", "绩效跟踪评价的项目", "绩效自评的项目"]
    assert [c.subject for c in find(cl, "amount", "598.42")] == [
        "编报绩效目标的项目预算金额", "绩效跟踪评价的项目预算金额", "绩效自评的项目预算金额"]
    # "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额246.47万元；…"
    won = [c for c in cl if c.page == 24 and c.subject.endswith("中标或成交的采购金额")]
    assert [(c.subject, c.value) for c in won] == [
        ("面向中小企业预留的政府采购项目中由中小企业供应商中标或成交的采购金额", D("246.47")),
        ("面向小微企业预留政府采购项目中由小微企业供应商中标或成交的采购金额", D("0")),
        ("其他政府采购项目中由中小企业供应商中标或成交的采购金额", D("4.79"))]
    # "上海市普陀区财政局部门决算包括：上海市普陀区财政局本级决算、下属行政事业单位决算"
    lst = one(cl, "list", page=5)
    assert lst.subject == "上海市普陀区财政局部门决算"
    assert lst.items == ("上海市普陀区财政局本级决算", "下属行政事业单位决算")


def test_real_cq_commerce_heading_before_colon():
    cl = claims_of("cq-commerce-2026-budget.pdf")
    # "(一)收入预算:2026年年初预算数174,900.64万元,其中:…" / "(二)支出预算:2026年年初预算数174,900.64万元,其中:…"
    totals = find(cl, "amount", "174900.64", page=3)
    assert [c.subject for c in totals] == ["收入预算", "支出预算"]
    assert one(cl, "amount", "101833.84", page=3).parent == "收入预算"
    assert one(cl, "amount", "55670.32", subject="教育支出").parent == "支出预算"


def test_real_sz_finance_unit_total_and_sangong_headings():
    cl = claims_of("sz-finance-2026-budget.pdf")
    # "一、深圳市财政局（本级）" / "深圳市财政局（本级）预算37,385.88万元，包括在职人员经费…"
    total = one(cl, "amount", "37385.88", page=7)
    assert total.subject == "深圳市财政局（本级）预算"
    assert total.section == "一、深圳市财政局（本级）"  # the heading is a paragraph of its own
    parts = [c for c in cl if c.page == 7 and c.kind == "amount" and c.parent == total.subject]
    assert [c.subject for c in parts] == ["在职人员经费", "公用经费", "对个人和家庭的补助支出", "增人增资", "项目支出"]
    # "1.因公出国（境）费用。2026年预算数41.60万元，较2025年年初预算增加0.00万元，主要是用于…因公临时出国（境）…"
    assert one(cl, "amount", "41.60").subject == "因公出国（境）费用"
    assert one(cl, "change_amount", "0.00", subject="因公出国（境）费用").page == 9
    assert one(cl, "amount", "9.46").subject == "公务接待费"
    assert [c.subject for c in find(cl, "amount", "7.40")] == ["公务用车购置和运行维护费", "公务用车运行维护费"]
    # "所有项目支出预算纳入部门预算绩效管理，涉及预算资金26,361.57万元"
    assert one(cl, "amount", "26361.57", page=10).subject == "项目支出预算资金"


def test_real_js_highcourt_2017_same_as_last_year():
    cl = claims_of("js-highcourt-2017-budget.pdf")
    # "1．因公出国（境）费预算支出180万元，本年数与上年数持平，零增长。"
    same = [c for c in cl if c.kind == "same" and c.page == 25]
    assert [c.subject for c in same] == ["因公出国（境）费", "公务用车运行维护费", "培训费"]
    # "按与上年统计口径一致相比，本年比上年减少161.96万元" — 口径一致 is the basis, not an unchanged amount
    assert not [c for c in cl if c.kind == "same" and c.page == 24]


def test_real_hz_meteorology_involved_funds():
    cl = claims_of("hz-meteorology-2026-budget.pdf")
    # "共计3个一级项目，涉及资金2,131.61万元"
    assert one(cl, "amount", "2131.61", page=10).subject == "一级项目资金"


BUNDLED = sorted(p.name for p in RAW.glob("*.pdf"))


@pytest.mark.parametrize("name", BUNDLED)
def test_real_no_generic_word_subjects(name):
    cl = claims_of(name)
    bad = [(c.page, c.kind, c.subject, c.value) for c in cl if c.subject in GENERIC_WORDS]
    assert not bad
    assert not [(c.page, c.parent) for c in cl if c.parent in GENERIC_WORDS]


def test_synthetic_aspect_words():
    page = (
        "五、一般公共预算财政拨款支出情况说明\r\n"
        "1.培训费。年初预算为12.00万元，支出决算为11.50万元，决算数小于预算数的主要原因是压减培训。\r\n"
        "2.会议费预算数为8.00万元，决算数为7.00万元。\r\n"
        "机关运行经费支出年初预算为20.00万元，支出决算为19.00万元。\r\n"
        "2026年收入预算100.00万元，支出预算100.00万元。\r\n"
        "（三）项目支出:2026年年初预算数30.00万元。\r\n"
        "甲中心预算50.00万元，其中：人员经费40.00万元、公用经费10.00万元。\r\n"
    )
    cl = parse_claims([page])
    assert [c.subject for c in find(cl, "amount", "12.00")] == ["培训费"]
    assert [c.subject for c in find(cl, "amount", "11.50")] == ["培训费"]
    assert one(cl, "amount", "8.00").subject == "会议费"  # 预算数 after …费 is dropped, as before
    assert one(cl, "amount", "7.00").subject == "会议费"
    assert one(cl, "amount", "20.00").subject == "机关运行经费支出年初预算"
    assert one(cl, "amount", "19.00").subject == "机关运行经费支出决算"
    # two totals of a sentence are not one item's figures
    assert [c.subject for c in find(cl, "amount", "100.00")] == ["收入预算", "支出预算"]
    assert one(cl, "amount", "30.00").subject == "项目支出"
    unit = one(cl, "amount", "50.00")
    assert unit.subject == "甲中心预算"
    assert one(cl, "amount", "40.00").parent == "甲中心预算"


def test_agreement_is_not_an_unchanged_figure():
    # "同以习近平同志为核心的党中央保持高度一致" (Jiangsu 2018 p.6) is political prose, not "与上年相同"
    cl = claims_of("js-highcourt-2018-budget.pdf")
    assert not [c for c in cl if c.kind == "same" and "一致" in c.sentence and "上年" not in c.sentence]
    # while comparisons with a year still are (the tests above: 与上年预算数持平, 比2024年预算持平, 本年数与上年数持平)
    assert [c for c in cl if c.kind == "same"]


@pytest.mark.parametrize("sentence,subject,kind,value", [
    ("基本支出占９９．７９％。", "基本支出", "share", "99.79"),              # full-width digits and point: not 79%
    ("项目支出１，２３４．５６万元。", "项目支出", "amount", "1234.56"),       # full-width comma and point: not 56
    ("项目支出1 234.56万元。", "项目支出", "amount", "1234.56"),           # a space between thousands: not 234.56
    ("项目支出12\u2009345万元。", "项目支出", "amount", "12345"),          # a thin space
    ("财政拨款结转-1,234.56万元。", "财政拨款结转", "amount", "-1234.56"),   # the sign kept
    ("财政拨款结转－3.50万元。", "财政拨款结转", "amount", "-3.50"),          # a full-width minus
    ("2024-2026年项目支出30万元。", "项目支出", "amount", "30"),          # a range of years is no sign
    ("一般公共预算财政拨款支出比上年增长-3.50%。", "一般公共预算财政拨款支出", "change_percent", "-3.50"),  # a signed change
    ("基本支出占支出总额的－1.20%。", "基本支出", "share", "-1.20"),      # the sign is not part of the words before
    ("项目支出1\u202f234\u202f567.89万元。", "项目支出", "amount", "1234567.89"),  # a narrow no-break space
])
def test_figures_written_every_way_read_whole(sentence, subject, kind, value):
    filler = "一、部门职责说明。本部门负责本行政区域内的有关工作，承担上级交办的其他事项，依法履行职能。"
    got = [(c.subject, c.kind, c.value) for c in parse_claims([filler + "\n" + sentence + "\n" + filler])]
    assert got == [(subject, kind, D(value))]
