"""Industry sections of GB/T 4754-2017."""

from __future__ import annotations

from typing import NamedTuple


class Industry(NamedTuple):
    code: str
    name_zh: str
    name_en: str


SECTIONS: tuple[Industry, ...] = (
    Industry("A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    Industry("B", "采矿业", "Mining"),
    Industry("C", "制造业", "Manufacturing"),
    Industry("D", "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water"),
    Industry("E", "建筑业", "Construction"),
    Industry("F", "批发和零售业", "Wholesale and retail"),
    Industry("G", "交通运输、仓储和邮政业", "Transport, storage and post"),
    Industry("H", "住宿和餐饮业", "Accommodation and catering"),
    Industry("I", "信息传输、软件和信息技术服务业", "Information transmission, software and IT services"),
    Industry("J", "金融业", "Finance"),
    Industry("K", "房地产业", "Real estate"),
    Industry("L", "租赁和商务服务业", "Leasing and business services"),
    Industry("M", "科学研究和技术服务业", "Scientific research and technical services"),
    Industry("N", "水利、环境和公共设施管理业", "Water, environment and public facilities management"),
    Industry("O", "居民服务、修理和其他服务业", "Residents' services and repair"),
    Industry("P", "教育", "Education"),
    Industry("Q", "卫生和社会工作", "Health and social work"),
    Industry("R", "文化、体育和娱乐业", "Culture, sports and entertainment"),
    Industry("S", "公共管理、社会保障和社会组织", "Public administration and social organisations"),
    Industry("T", "国际组织", "International organisations"),
)

SECTION_BY_CODE = {s.code: s for s in SECTIONS}
SECTION_CODES = tuple(SECTION_BY_CODE)
# Public administration and international organisations are not enterprises (GB/T 4754-2017).
NON_ENTERPRISE_SECTIONS = frozenset({"S", "T"})


def industry_name(code: str | None, locale: str = "zh") -> str:
    """Return the section's name in the given locale ('' for an unknown code)."""
    section = SECTION_BY_CODE.get(code or "")
    if section is None:
        return ""
    return section.name_zh if locale.startswith("zh") else section.name_en
