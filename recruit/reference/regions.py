"""Provincial-level divisions of China (GB/T 2260 two-digit codes) and their main cities."""

from __future__ import annotations

from typing import NamedTuple


class Province(NamedTuple):
    code: str
    name_zh: str
    name_en: str
    cities: tuple[str, ...]


PROVINCES: tuple[Province, ...] = (
    Province("11", "北京", "Beijing", ("北京",)),
    Province("12", "天津", "Tianjin", ("天津",)),
    Province("13", "河北", "Hebei", ("石家庄", "唐山", "保定", "廊坊")),
    Province("14", "山西", "Shanxi", ("太原", "大同")),
    Province("15", "内蒙古", "Inner Mongolia", ("呼和浩特", "包头")),
    Province("21", "辽宁", "Liaoning", ("沈阳", "大连")),
    Province("22", "吉林", "Jilin", ("长春", "吉林")),
    Province("23", "黑龙江", "Heilongjiang", ("哈尔滨", "大庆")),
    Province("31", "上海", "Shanghai", ("上海",)),
    Province("32", "江苏", "Jiangsu", ("南京", "苏州", "无锡", "常州")),
    Province("33", "浙江", "Zhejiang", ("杭州", "宁波", "温州", "嘉兴")),
    Province("34", "安徽", "Anhui", ("合肥", "芜湖")),
    Province("35", "福建", "Fujian", ("福州", "厦门", "泉州")),
    Province("36", "江西", "Jiangxi", ("南昌", "赣州")),
    Province("37", "山东", "Shandong", ("济南", "青岛", "烟台")),
    Province("41", "河南", "Henan", ("郑州", "洛阳")),
    Province("42", "湖北", "Hubei", ("武汉", "宜昌", "襄阳")),
    Province("43", "湖南", "Hunan", ("长沙", "株洲")),
    Province("44", "广东", "Guangdong", ("广州", "深圳", "东莞", "佛山", "珠海")),
    Province("45", "广西", "Guangxi", ("南宁", "柳州", "桂林")),
    Province("46", "海南", "Hainan", ("海口", "三亚")),
    Province("50", "重庆", "Chongqing", ("重庆",)),
    Province("51", "四川", "Sichuan", ("成都", "绵阳")),
    Province("52", "贵州", "Guizhou", ("贵阳", "遵义")),
    Province("53", "云南", "Yunnan", ("昆明", "大理")),
    Province("54", "西藏", "Tibet", ("拉萨",)),
    Province("61", "陕西", "Shaanxi", ("西安", "咸阳")),
    Province("62", "甘肃", "Gansu", ("兰州", "天水")),
    Province("63", "青海", "Qinghai", ("西宁",)),
    Province("64", "宁夏", "Ningxia", ("银川",)),
    Province("65", "新疆", "Xinjiang", ("乌鲁木齐", "克拉玛依")),
    Province("71", "台湾", "Taiwan", ("台北",)),
    Province("81", "香港", "Hong Kong", ("香港",)),
    Province("82", "澳门", "Macao", ("澳门",)),
)

PROVINCE_BY_CODE = {p.code: p for p in PROVINCES}
PROVINCE_CODES = tuple(PROVINCE_BY_CODE)


def province_name(code: str | None, locale: str = "zh") -> str:
    """Return the province's name in the given locale ('' for an unknown code)."""
    province = PROVINCE_BY_CODE.get(code or "")
    if province is None:
        return ""
    return province.name_zh if locale.startswith("zh") else province.name_en
