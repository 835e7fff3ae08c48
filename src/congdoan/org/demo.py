"""Demo data: the Hà Nội federation as the seeds describe it, and a synthetic national tree.

Everything is deterministic (one seeded `random.Random`), so two builds give the same tree and
tests can assert exact figures. LĐLĐ quận Long Biên carries the seeds' real figures: 280
grassroots unions (công đoàn cơ sở: 25 hành chính sự nghiệp, 96 trường học, 159 doanh nghiệp
ngoài nhà nước) with 11.684 members out of 12.538 workers. The rest is plausible, not real.

Units are written with bulk_create, so paths, depth and numchild are laid out here the way
treebeard would (steplen and alphabet come from the model), `search_name` is folded here
instead of in Unit.save(), and every unit gets its `created` UnitEvent, as services.create_unit
would record it. The builders expect an empty tree.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction

from congdoan.core.text import fold

from . import services
from .models import Role, Unit, UnitEvent, UnitKind, UnitLevel, search_key

SEED = 20171228
LAST_FOUNDING = date(2024, 12, 31)
BATCH_SIZE = 2000

LONG_BIEN_GRASSROOTS = {"hcsn": 25, "school": 96, "private": 159}
LONG_BIEN_MEMBERS = 11684
LONG_BIEN_WORKERS = 12538

LONG_BIEN_WARDS = [
    "Bồ Đề",
    "Cự Khối",
    "Đức Giang",
    "Gia Thụy",
    "Giang Biên",
    "Long Biên",
    "Ngọc Lâm",
    "Ngọc Thụy",
    "Phúc Đồng",
    "Phúc Lợi",
    "Sài Đồng",
    "Thạch Bàn",
    "Thượng Thanh",
    "Việt Hưng",
]

# The 30 district-level units of Hà Nội before the 2025 restructuring, with the year each came
# into today's Hà Nội (approximate, for demo history only: 2008 is the merger of Hà Tây).
HANOI_DISTRICTS = [
    ("quận", "Ba Đình", 1961),
    ("quận", "Hoàn Kiếm", 1961),
    ("quận", "Tây Hồ", 1996),
    ("quận", "Long Biên", 2004),
    ("quận", "Cầu Giấy", 1997),
    ("quận", "Đống Đa", 1961),
    ("quận", "Hai Bà Trưng", 1961),
    ("quận", "Hoàng Mai", 2004),
    ("quận", "Thanh Xuân", 1997),
    ("quận", "Nam Từ Liêm", 2014),
    ("quận", "Bắc Từ Liêm", 2014),
    ("quận", "Hà Đông", 2008),
    ("thị xã", "Sơn Tây", 2008),
    ("huyện", "Ba Vì", 2008),
    ("huyện", "Chương Mỹ", 2008),
    ("huyện", "Đan Phượng", 2008),
    ("huyện", "Đông Anh", 1961),
    ("huyện", "Gia Lâm", 1961),
    ("huyện", "Hoài Đức", 2008),
    ("huyện", "Mê Linh", 2008),
    ("huyện", "Mỹ Đức", 2008),
    ("huyện", "Phú Xuyên", 2008),
    ("huyện", "Phúc Thọ", 2008),
    ("huyện", "Quốc Oai", 2008),
    ("huyện", "Sóc Sơn", 1961),
    ("huyện", "Thạch Thất", 2008),
    ("huyện", "Thanh Oai", 2008),
    ("huyện", "Thanh Trì", 1961),
    ("huyện", "Thường Tín", 2008),
    ("huyện", "Ứng Hòa", 2008),
]

# (code suffix, name, short name, kind weights of its grassroots unions)
HANOI_SECTORS = [
    ("GD", "Công đoàn ngành Giáo dục Hà Nội", "CĐ ngành Giáo dục HN", {"school": 9, "hcsn": 1}),
    ("YT", "Công đoàn ngành Y tế Hà Nội", "CĐ ngành Y tế HN", {"hcsn": 8, "private": 1, "soe": 1}),
    (
        "XD",
        "Công đoàn ngành Xây dựng Hà Nội",
        "CĐ ngành Xây dựng HN",
        {"soe": 4, "private": 5, "hcsn": 1},
    ),
    (
        "GTVT",
        "Công đoàn ngành Giao thông vận tải Hà Nội",
        "CĐ ngành GTVT HN",
        {"soe": 4, "private": 5, "hcsn": 1},
    ),
    (
        "CT",
        "Công đoàn ngành Công Thương Hà Nội",
        "CĐ ngành Công Thương HN",
        {"soe": 3, "private": 5, "fdi": 2},
    ),
    (
        "NN",
        "Công đoàn ngành Nông nghiệp và Phát triển nông thôn Hà Nội",
        "CĐ ngành NN&PTNT HN",
        {"hcsn": 5, "soe": 3, "private": 2},
    ),
    ("VC", "Công đoàn Viên chức thành phố Hà Nội", "CĐ Viên chức TP Hà Nội", {"hcsn": 1}),
]
DISTRICT_KINDS = {"school": 40, "hcsn": 20, "private": 30, "soe": 4, "fdi": 6}
ZONE_KINDS = {"fdi": 7, "private": 3}

# The 62 provinces and cities besides Hà Nội before the 2025 mergers: (kind, name).
OTHER_PROVINCES = [
    ("thành phố", "Hồ Chí Minh"),
    ("thành phố", "Hải Phòng"),
    ("thành phố", "Đà Nẵng"),
    ("thành phố", "Cần Thơ"),
    *(
        ("tỉnh", name)
        for name in (
            "An Giang",
            "Bà Rịa – Vũng Tàu",
            "Bắc Giang",
            "Bắc Kạn",
            "Bạc Liêu",
            "Bắc Ninh",
            "Bến Tre",
            "Bình Định",
            "Bình Dương",
            "Bình Phước",
            "Bình Thuận",
            "Cà Mau",
            "Cao Bằng",
            "Đắk Lắk",
            "Đắk Nông",
            "Điện Biên",
            "Đồng Nai",
            "Đồng Tháp",
            "Gia Lai",
            "Hà Giang",
            "Hà Nam",
            "Hà Tĩnh",
            "Hải Dương",
            "Hậu Giang",
            "Hòa Bình",
            "Hưng Yên",
            "Khánh Hòa",
            "Kiên Giang",
            "Kon Tum",
            "Lai Châu",
            "Lâm Đồng",
            "Lạng Sơn",
            "Lào Cai",
            "Long An",
            "Nam Định",
            "Nghệ An",
            "Ninh Bình",
            "Ninh Thuận",
            "Phú Thọ",
            "Phú Yên",
            "Quảng Bình",
            "Quảng Nam",
            "Quảng Ngãi",
            "Quảng Ninh",
            "Quảng Trị",
            "Sóc Trăng",
            "Sơn La",
            "Tây Ninh",
            "Thái Bình",
            "Thái Nguyên",
            "Thanh Hóa",
            "Thừa Thiên Huế",
            "Tiền Giang",
            "Trà Vinh",
            "Tuyên Quang",
            "Vĩnh Long",
            "Vĩnh Phúc",
            "Yên Bái",
        )
    ),
]
# Where industry concentrates, districts have more grassroots unions.
INDUSTRIAL_PROVINCES = {"Hồ Chí Minh": 4.0, "Bình Dương": 3.0, "Đồng Nai": 2.5, "Hải Phòng": 1.8}
PROVINCE_KINDS = {"school": 30, "hcsn": 20, "private": 40, "soe": 4, "fdi": 6}

SCHOOL_LEVELS = ["Mầm non", "Tiểu học", "THCS"]
COMPANY_TRADES = [
    "Thương mại",
    "Dịch vụ",
    "Xây dựng",
    "Đầu tư",
    "Sản xuất",
    "Vận tải",
    "Cơ khí",
    "Điện tử",
    "May mặc",
    "Thực phẩm",
    "Dược phẩm",
    "Công nghệ",
    "Bao bì",
    "Nội thất",
    "Môi trường",
    "Thiết bị điện",
    "In ấn",
    "Vật liệu xây dựng",
    "Kỹ thuật",
    "Du lịch",
    "Giáo dục",
    "Phần mềm",
    "Nhựa",
    "Logistics",
]
COMPANY_BRANDS = [
    "Hồng Hà",
    "Sông Hồng",
    "Thăng Long",
    "Hoàng Long",
    "Việt Hưng",
    "Đức Giang",
    "Sài Đồng",
    "Long Biên",
    "An Phát",
    "Minh Khang",
    "Phú Thành",
    "Tân Việt",
    "Đại Dương",
    "Bình Minh",
    "Hải Âu",
    "Trường An",
    "Kim Long",
    "Nam Việt",
    "Hòa Bình",
    "Thành Công",
    "Gia Phát",
    "Hưng Thịnh",
    "Phương Đông",
    "Sao Mai",
    "Ánh Dương",
    "Đông Á",
    "Hợp Nhất",
    "Quang Minh",
    "Thái Sơn",
    "Vạn Xuân",
    "Bảo Long",
    "Tiến Đạt",
]
FOREIGN_BRANDS = [
    "Sakura Seiki",
    "Hanbit Precision",
    "Kyowa Denshi",
    "Daehan Textile",
    "Sunrise Components",
    "Meiko Parts",
    "Tokai Wiring",
    "Shinwa Plastics",
    "Yuhan Electronics",
    "Golden Harbor Garment",
    "Nippon Mold",
    "Seoul Optics",
    "Fuji Packaging",
    "Taiwan Lighting",
    "Mirae Cable",
    "Osaka Metal",
]


PARTY_COMMITTEES = {"quận": "Quận ủy", "huyện": "Huyện ủy", "thị xã": "Thị ủy"}
FALLBACK_OFFICES = [
    "Trung tâm Dịch vụ công",
    "Ban Quản lý đô thị",
    "Trung tâm Phát triển quỹ đất",
    "Đội Quản lý trật tự xây dựng",
    "Trung tâm Dân số – Kế hoạch hóa gia đình",
]


def _district_offices(word, place, *, ward_word, wards, ward_suffix=""):
    """Grassroots unions of a district's administrative and public-service bodies."""
    district = f"{word} {place}"
    return [
        *(f"Công đoàn cơ quan UBND {ward_word} {ward}{ward_suffix}" for ward in wards),
        f"Công đoàn cơ quan UBND {district}",
        f"Công đoàn cơ quan {PARTY_COMMITTEES.get(word, 'Huyện ủy')} {place}",
        f"Công đoàn Trung tâm Y tế {district}",
        f"Công đoàn Bảo hiểm xã hội {district}",
        f"Công đoàn Chi cục Thuế {district}",
        f"Công đoàn Kho bạc Nhà nước {district}",
        f"Công đoàn Phòng Giáo dục và Đào tạo {district}",
        f"Công đoàn Trung tâm Văn hóa – Thông tin và Thể thao {district}",
        f"Công đoàn Ban Quản lý dự án đầu tư xây dựng {district}",
        f"Công đoàn Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên {district}",
        f"Công đoàn Chi cục Thống kê {district}",
        *(f"Công đoàn Trạm Y tế {ward_word} {ward}{ward_suffix}" for ward in wards),
    ]


HANOI_SECTOR_OFFICES = {
    "GD": [
        "Công đoàn cơ quan Sở Giáo dục và Đào tạo Hà Nội",
        "Công đoàn Trường Cao đẳng Sư phạm Hà Tây",
        "Công đoàn Trung tâm Giáo dục thường xuyên Hà Nội",
    ],
    "YT": [
        "Công đoàn cơ quan Sở Y tế Hà Nội",
        "Công đoàn Bệnh viện Đa khoa Đức Giang",
        "Công đoàn Bệnh viện Đa khoa Đống Đa",
        "Công đoàn Bệnh viện Thanh Nhàn",
        "Công đoàn Bệnh viện Xanh Pôn",
        "Công đoàn Bệnh viện Tim Hà Nội",
        "Công đoàn Bệnh viện Phụ sản Hà Nội",
        "Công đoàn Bệnh viện Nhi Hà Nội",
        "Công đoàn Bệnh viện Ung bướu Hà Nội",
        "Công đoàn Bệnh viện Đa khoa Hà Đông",
        "Công đoàn Bệnh viện Đa khoa Sơn Tây",
        "Công đoàn Bệnh viện Đa khoa Đông Anh",
        "Công đoàn Bệnh viện Đa khoa Sóc Sơn",
        "Công đoàn Trung tâm Kiểm soát bệnh tật Hà Nội",
        "Công đoàn Trung tâm Cấp cứu 115 Hà Nội",
    ],
    "XD": ["Công đoàn cơ quan Sở Xây dựng Hà Nội", "Công đoàn cơ quan Sở Quy hoạch – Kiến trúc"],
    "GTVT": ["Công đoàn cơ quan Sở Giao thông vận tải Hà Nội"],
    "CT": ["Công đoàn cơ quan Sở Công Thương Hà Nội", "Công đoàn Chi cục Quản lý thị trường"],
    "NN": [
        "Công đoàn cơ quan Sở Nông nghiệp và Phát triển nông thôn Hà Nội",
        "Công đoàn Chi cục Thủy lợi Hà Nội",
        "Công đoàn Chi cục Kiểm lâm Hà Nội",
        "Công đoàn Trung tâm Khuyến nông Hà Nội",
    ],
    "VC": [
        f"Công đoàn cơ quan {office}"
        for office in (
            "Văn phòng UBND thành phố Hà Nội",
            "Văn phòng Thành ủy Hà Nội",
            "Văn phòng Đoàn đại biểu Quốc hội và HĐND thành phố Hà Nội",
            "Sở Tài chính Hà Nội",
            "Sở Kế hoạch và Đầu tư Hà Nội",
            "Sở Tư pháp Hà Nội",
            "Sở Nội vụ Hà Nội",
            "Sở Tài nguyên và Môi trường Hà Nội",
            "Sở Văn hóa và Thể thao Hà Nội",
            "Sở Du lịch Hà Nội",
            "Sở Lao động – Thương binh và Xã hội Hà Nội",
            "Sở Khoa học và Công nghệ Hà Nội",
            "Sở Thông tin và Truyền thông Hà Nội",
            "Thanh tra thành phố Hà Nội",
            "Đài Phát thanh và Truyền hình Hà Nội",
            "Báo Hà Nội mới",
            "Báo Kinh tế và Đô thị",
            "Cục Thuế thành phố Hà Nội",
            "Bảo hiểm xã hội thành phố Hà Nội",
            "Kho bạc Nhà nước Hà Nội",
            "Cục Thống kê thành phố Hà Nội",
            "Thư viện Hà Nội",
            "Bảo tàng Hà Nội",
            "Trung tâm Lưu trữ lịch sử thành phố Hà Nội",
        )
    ],
}


class _Names:
    """Plausible names of grassroots unions, unique under one parent."""

    def __init__(
        self, rng, *, place, schools=(), school_levels=SCHOOL_LEVELS, offices=(), suffix=""
    ):
        self.rng = rng
        self.place = place
        self.schools = list(schools) or [""]
        self.school_levels = school_levels
        self.offices = list(offices)
        self.suffix = suffix
        self.seen = defaultdict(int)
        self.school_count = 0

    def unique(self, name, *, number_first=False):
        self.seen[name] += 1
        count = self.seen[name]
        if count == 1 and not number_first:
            return name
        return f"{name} số {count}"

    def school(self):
        # Every level in every ward first; numbers only once the wards run out.
        position = self.school_count
        self.school_count += 1
        level = self.school_levels[position % len(self.school_levels)]
        where = self.schools[(position // len(self.school_levels)) % len(self.schools)]
        base = f"Công đoàn Trường {level} {where}".strip()
        return self.unique(base, number_first=not where) + self.suffix

    def office(self):
        if self.offices:
            return self.unique(self.offices.pop(0))
        return self.unique(f"Công đoàn {self.rng.choice(FALLBACK_OFFICES)} {self.place}")

    def _company_name(self, kind):
        if kind == "fdi":
            return f"Công đoàn Công ty TNHH {self.rng.choice(FOREIGN_BRANDS)} Việt Nam"
        trade = self.rng.choice(COMPANY_TRADES)
        brand = self.rng.choice(COMPANY_BRANDS)
        if kind == "soe":
            return f"Công đoàn Công ty TNHH Một thành viên {trade} {brand}"
        return f"Công đoàn Công ty {self.rng.choice(['TNHH', 'Cổ phần'])} {trade} {brand}"

    def company(self, kind):
        # A company is better told apart by another name than by a number.
        for _attempt in range(5):
            name = self._company_name(kind)
            if name not in self.seen:
                break
        return self.unique(name)

    def make(self, kind):
        if kind == "school":
            return self.school()
        if kind == "hcsn":
            return self.office()
        return self.company(kind)


def _apportion(total, weights, caps=None):
    """Integers proportional to `weights` that sum exactly to `total` (largest remainder),
    none above its cap: what a capped share cannot take goes to the others."""
    result = [0] * len(weights)
    caps = list(caps) if caps is not None else [None] * len(weights)
    open_ = [i for i, cap in enumerate(caps) if cap is None or cap > 0]
    remaining = total
    while remaining > 0 and open_:
        weight_sum = sum(weights[i] for i in open_)
        shares = {
            i: remaining * (weights[i] / weight_sum if weight_sum else 1 / len(open_))
            for i in open_
        }
        given = {i: int(shares[i]) for i in open_}
        by_remainder = sorted(open_, key=lambda i: shares[i] - given[i], reverse=True)
        for i in by_remainder[: remaining - sum(given.values())]:
            given[i] += 1
        remaining = 0
        for i in open_:
            take = given[i] if caps[i] is None else min(given[i], caps[i] - result[i])
            result[i] += take
            remaining += given[i] - take
        open_ = [i for i in open_ if caps[i] is None or result[i] < caps[i]]
    if remaining:
        raise ValueError("The caps leave no room for the total.")
    return result


def _some_day(rng, start, end=LAST_FOUNDING):
    start = max(start, date(1929, 7, 28))
    if start >= end:
        return start
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _figures(rng, kind, *, scale=1.0):
    """A plausible (members, workers) pair for one grassroots union of `kind`."""
    if kind == "school":
        workers = rng.randint(18, 95)
        rate = rng.uniform(0.97, 1.0)
    elif kind == "hcsn":
        workers = rng.randint(8, 70)
        rate = rng.uniform(0.97, 1.0)
    elif kind == "soe":
        workers = rng.randint(30, 500)
        rate = rng.uniform(0.9, 1.0)
    elif kind == "fdi":
        workers = min(int(rng.lognormvariate(5.7, 0.9) * scale), 12000) + 30
        rate = rng.uniform(0.8, 0.98)
    else:
        workers = min(int(rng.lognormvariate(3.4, 1.0) * scale), 3000) + 5
        rate = rng.uniform(0.65, 0.97)
    return max(1, int(workers * rate)), workers


class DemoError(Exception):
    """The demo cannot be built here; the message is for the operator, in Vietnamese."""


@dataclass
class DemoTree:
    """What a build produced: the units the demo talks about, and its totals."""

    national: Unit = None
    hanoi: Unit = None
    long_bien: Unit = None
    dong_anh: Unit = None
    units: int = 0
    grassroots: int = 0
    members: int = 0
    workers: int = 0
    accounts: list = field(default_factory=list)


class _TreeWriter:
    """Lays units out with their materialised paths in memory and writes them in batches.

    A parent written in an earlier flush that gains children later is remembered and its
    numchild is corrected in `finish()`, so flushing per province keeps memory small.
    """

    def __init__(self, result, *, batch_size=BATCH_SIZE):
        if Unit.objects.exists():
            raise DemoError(
                "Cây tổ chức đã có dữ liệu: chỉ tạo dữ liệu mẫu trên cơ sở dữ liệu trống."
            )
        self.result = result
        self.batch_size = batch_size
        self.levels = {level.code: level for level in UnitLevel.objects.all()}
        self.kinds = {kind.code: kind for kind in UnitKind.objects.all()}
        self.steps = defaultdict(int)
        self.pending = []
        self.stale = {}

    def add(self, parent, *, code, name, level, kind=None, short_name="", founded_on, **fields):
        parent_path = parent.path if parent is not None else ""
        depth = parent.depth + 1 if parent is not None else 1
        self.steps[parent_path] += 1
        level = self.levels[level]
        kind = self.kinds[kind] if kind else None
        unit = Unit(
            path=Unit._get_path(parent_path, depth, self.steps[parent_path]),
            depth=depth,
            numchild=0,
            code=code,
            name=name,
            short_name=short_name,
            search_name=search_key(name, short_name, code),
            level=level,
            kind=kind,
            founded_on=founded_on,
            **fields,
        )
        if parent is not None:
            parent.numchild += 1
            if parent.pk is not None:
                self.stale[parent.pk] = parent
        self.pending.append((unit, parent.code if parent is not None else None))
        self.result.units += 1
        if level.is_grassroots:
            self.result.grassroots += 1
            self.result.members += unit.members
            self.result.workers += unit.workers
        return unit

    def flush(self):
        if not self.pending:
            return
        units = [unit for unit, _parent in self.pending]
        Unit.objects.bulk_create(units, batch_size=self.batch_size)
        events = [
            UnitEvent(
                unit=unit,
                kind=UnitEvent.Kind.CREATED,
                effective_on=unit.founded_on,
                after={
                    "name": unit.name,
                    "short_name": unit.short_name,
                    "level": unit.level.code,
                    "kind": unit.kind.code if unit.kind else None,
                    "workers": unit.workers,
                    "members": unit.members,
                    "parent": parent_code,
                },
            )
            for unit, parent_code in self.pending
        ]
        UnitEvent.objects.bulk_create(events, batch_size=self.batch_size)
        self.pending = []

    def finish(self):
        self.flush()
        if self.stale:
            Unit.objects.bulk_update(list(self.stale.values()), ["numchild"], batch_size=500)
            self.stale = {}


def _district_code(name):
    return "HN-" + "".join(ch for ch in fold(name).upper() if ch.isalnum())


def _add_grassroots(writer, rng, parent, names, kinds, count, *, code_width=3, scale=1.0):
    kind_codes = list(kinds)
    weights = [kinds[code] for code in kind_codes]
    for number in range(1, count + 1):
        kind = rng.choices(kind_codes, weights)[0]
        members, workers = _figures(rng, kind, scale=scale)
        writer.add(
            parent,
            code=f"{parent.code}-{number:0{code_width}d}",
            name=names.make(kind),
            level="grassroots",
            kind=kind,
            members=members,
            workers=workers,
            founded_on=_some_day(rng, parent.founded_on),
        )


def _add_long_bien(writer, rng, long_bien):
    """The seeds' Long Biên: exactly 280 grassroots unions and 11.684 of 12.538 workers."""
    names = _Names(
        rng,
        place="quận Long Biên",
        schools=LONG_BIEN_WARDS,
        offices=_district_offices("quận", "Long Biên", ward_word="phường", wards=LONG_BIEN_WARDS),
    )
    kinds = [kind for kind, count in LONG_BIEN_GRASSROOTS.items() for _ in range(count)]
    rng.shuffle(kinds)
    raw_workers = {
        "school": lambda: rng.uniform(25, 70),
        "hcsn": lambda: rng.uniform(10, 45),
        "private": lambda: min(rng.lognormvariate(3.3, 0.9), 400),
    }
    minimum = 5
    workers = _apportion(
        LONG_BIEN_WORKERS - minimum * len(kinds), [raw_workers[kind]() for kind in kinds]
    )
    workers = [minimum + value for value in workers]
    # Schools and offices are nearly all members; most non-members work in companies.
    nonmember_weights = [
        value * (rng.uniform(0.03, 0.2) if kind == "private" else rng.uniform(0, 0.01))
        for kind, value in zip(kinds, workers, strict=True)
    ]
    nonmembers = _apportion(
        LONG_BIEN_WORKERS - LONG_BIEN_MEMBERS,
        nonmember_weights,
        caps=[value - 1 for value in workers],
    )
    for number, kind in enumerate(kinds, start=1):
        writer.add(
            long_bien,
            code=f"{long_bien.code}-{number:03d}",
            name=names.make(kind),
            level="grassroots",
            kind=kind,
            members=workers[number - 1] - nonmembers[number - 1],
            workers=workers[number - 1],
            founded_on=_some_day(rng, long_bien.founded_on),
        )


def _add_hanoi(writer, rng, national, result):
    hanoi = writer.add(
        national,
        code="HN",
        name="Liên đoàn Lao động thành phố Hà Nội",
        short_name="LĐLĐ TP Hà Nội",
        level="province",
        address="82 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội",
        website="https://congdoanhanoi.vn",
        founded_on=date(1954, 10, 10),
    )
    result.hanoi = hanoi
    for word, place, year in HANOI_DISTRICTS:
        name = f"Liên đoàn Lao động {word} {place}"
        district = writer.add(
            hanoi,
            code=_district_code(place),
            name=name,
            short_name=f"LĐLĐ {word} {place}",
            level="district",
            founded_on=date(year, 1, 1),
        )
        if place == "Long Biên":
            result.long_bien = district
            _add_long_bien(writer, rng, district)
            continue
        if place == "Đông Anh":
            result.dong_anh = district
        # Real districts get no invented ward names: their offices are district-wide.
        names = _Names(
            rng,
            place=f"{word} {place}",
            schools=[place],
            offices=_district_offices(word, place, ward_word="phường", wards=()),
        )
        _add_grassroots(writer, rng, district, names, DISTRICT_KINDS, rng.randint(15, 40))
    for suffix, name, short_name, kinds in HANOI_SECTORS:
        sector = writer.add(
            hanoi,
            code=f"HN-{suffix}",
            name=name,
            short_name=short_name,
            level="local_sector",
            founded_on=date(1975 + rng.randint(0, 20), 1, 1),
        )
        names = _Names(
            rng,
            place="Hà Nội",
            schools=[place for _word, place, _year in HANOI_DISTRICTS],
            school_levels=["THPT"],
            offices=HANOI_SECTOR_OFFICES[suffix],
        )
        _add_grassroots(writer, rng, sector, names, kinds, rng.randint(10, 40))
    zone = writer.add(
        hanoi,
        code="HN-KCN",
        name="Công đoàn các Khu công nghiệp và chế xuất Hà Nội",
        short_name="CĐ các KCN&CX Hà Nội",
        level="industrial_zone",
        founded_on=date(1999, 1, 1),
    )
    names = _Names(
        rng,
        place="các khu công nghiệp Hà Nội",
        offices=["Công đoàn cơ quan Ban Quản lý các khu công nghiệp và chế xuất Hà Nội"],
    )
    _add_grassroots(writer, rng, zone, names, ZONE_KINDS, rng.randint(25, 40))
    return hanoi


def _add_national(writer):
    return writer.add(
        None,
        code="TLD",
        name="Tổng Liên đoàn Lao động Việt Nam",
        short_name="Tổng LĐLĐ Việt Nam",
        level="national",
        address="82 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội",
        website="https://congdoan.vn",
        founded_on=date(1929, 7, 28),
    )


def create_demo_accounts(result):
    """Unit administrators of Long Biên and Đông Anh, without a usable password: the operator
    sets one in the admin before handing the account over."""
    User = get_user_model()
    for username, unit in (
        ("quantri.longbien", result.long_bien),
        ("quantri.donganh", result.dong_anh),
    ):
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        services.grant_role(actor=None, user=user, unit=unit, role=Role.ADMIN)
        result.accounts.append(username)


def _reload(result):
    for name in ("national", "hanoi", "long_bien", "dong_anh"):
        unit = getattr(result, name)
        if unit is not None:
            setattr(result, name, Unit.objects.get(code=unit.code))
    return result


@transaction.atomic
def build_hanoi(*, seed=SEED):
    """Tổng Liên đoàn → LĐLĐ TP Hà Nội → its 30 district unions, 7 sector unions and the
    industrial-zone union, with grassroots unions and figures, and the demo accounts."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    result = DemoTree()
    writer = _TreeWriter(result)
    result.national = _add_national(writer)
    _add_hanoi(writer, rng, result.national, result)
    writer.finish()
    _reload(result)
    create_demo_accounts(result)
    return result


@transaction.atomic
def build_national(*, provinces=63, districts=700, grassroots=135_000, seed=SEED, progress=None):
    """Hà Nội as in build_hanoi() plus `provinces - 1` other provinces and cities.

    `districts` and `grassroots` are totals for the whole country, Hà Nội included: what Hà
    Nội does not use is spread over the other provinces (at least one district each).
    `progress(done, total)` is called after each province.
    """
    others = OTHER_PROVINCES[: max(0, min(provinces, len(OTHER_PROVINCES) + 1) - 1)]
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    result = DemoTree()
    writer = _TreeWriter(result)
    national = result.national = _add_national(writer)
    _add_hanoi(writer, rng, national, result)
    writer.flush()
    if progress:
        progress(1, len(others) + 1)
    if not others:
        writer.finish()
        _reload(result)
        create_demo_accounts(result)
        return result

    district_counts = _apportion(
        max(len(others), districts - len(HANOI_DISTRICTS)), [1] * len(others), caps=None
    )
    district_counts = [max(1, count) for count in district_counts]
    weights = []
    for (_word, province), count in zip(others, district_counts, strict=True):
        factor = INDUSTRIAL_PROVINCES.get(province, 1.0)
        weights.extend(factor * rng.uniform(0.5, 1.5) for _ in range(count))
    grassroots_counts = iter(_apportion(max(0, grassroots - result.grassroots), weights))

    for done, ((word, province), count) in enumerate(zip(others, district_counts, strict=True), 2):
        code = "".join(ch for ch in fold(province).upper() if ch.isalnum())
        label = "TP" if word == "thành phố" else "tỉnh"
        unit = writer.add(
            national,
            code=code,
            name=f"Liên đoàn Lao động {word} {province}",
            short_name=f"LĐLĐ {label} {province}",
            level="province",
            founded_on=date(1976, 1, 1) + timedelta(days=rng.randrange(365 * 28)),
        )
        district_word = "quận" if word == "thành phố" else "huyện"
        scale = INDUSTRIAL_PROVINCES.get(province, 1.0)
        for number in range(1, count + 1):
            place = f"{district_word} số {number}"
            district = writer.add(
                unit,
                code=f"{code}-H{number:02d}",
                name=f"Liên đoàn Lao động {place}, {word} {province}",
                short_name=f"LĐLĐ {place} ({province})",
                level="district",
                founded_on=_some_day(rng, unit.founded_on, date(2010, 12, 31)),
            )
            where = f", {place}, {word} {province}"
            names = _Names(
                rng,
                place=f"{place}, {word} {province}",
                suffix=where,
                offices=_district_offices(
                    district_word,
                    f"số {number}, {word} {province}",
                    ward_word="phường" if district_word == "quận" else "xã",
                    wards=[f"số {n}" for n in range(1, 11)],
                    ward_suffix=where,
                ),
            )
            _add_grassroots(
                writer,
                rng,
                district,
                names,
                PROVINCE_KINDS,
                next(grassroots_counts),
                code_width=4,
                scale=scale,
            )
        writer.flush()
        if progress:
            progress(done, len(others) + 1)
    writer.finish()
    _reload(result)
    create_demo_accounts(result)
    return result
