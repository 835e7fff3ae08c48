"""Texts and generators of the demo portal: the five seed articles as they were published, and
deterministic Vietnamese news built from their facts and figures, with drawn illustrations.

Nothing here touches the database: `congdoan.news.demo` turns these plain structures into
pages and images. An article is a dict:

    {"key", "category", "title", "lead", "blocks", "date", "event_date", "author",
     "unit", "tags", "featured", "promoted", "image", "image_caption"}

where `blocks` is a list of tuples:

    ("p", text)                          a paragraph
    ("h2", text)                         a subheading
    ("image", theme, caption, credit)    a photo with its caption and "Ảnh: …" credit
    ("gallery", title, [(theme, caption), …], credit)
    ("quote", text, source)

`theme` is an index into IMAGE_THEMES: the demo draws those pictures once and reuses them.
"""

import io
import math
import random
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from congdoan.core.formatting import format_number

HANOI_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SEED = 20160129  # the day the 2015 summary of the Hà Nội site was published
DEFAULT_ARTICLES = 360
SUBSITE_ARTICLES = 20

# --------------------------------------------------------------------------------------------
# Categories (chuyên mục) of the federation's portal: key -> path under the home page.

CATEGORIES = {
    "tin-tuc": "Tin tức hoạt động",
    "tuyen-truyen": "Tin tức hoạt động/Tuyên truyền giáo dục",
    "xay-dung": "Tin tức hoạt động/Xây dựng công đoàn cơ sở",
    "cham-lo": "Tin tức hoạt động/Chăm lo bảo vệ",
    "loi-ich": "Tin tức hoạt động/Vì lợi ích đoàn viên",
    "nu-cong": "Tin tức hoạt động/Nữ công",
    "thi-dua": "Tin tức hoạt động/Thi đua khen thưởng",
    "doi-ngoai": "Tin tức hoạt động/Đối ngoại",
    "chinh-sach": "Chính sách pháp luật",
}

CATEGORY_INTROS = {
    "tin-tuc": "Hoạt động của các cấp công đoàn Thủ đô và phong trào công nhân, viên chức, "
    "lao động.",
    "tuyen-truyen": "Tuyên truyền, giáo dục chính trị, tư tưởng, pháp luật; truyền thông công "
    "đoàn trên trang thông tin điện tử, Bản tin sinh hoạt công đoàn cơ sở và mạng xã hội.",
    "xay-dung": "Phát triển đoàn viên, thành lập và nâng cao chất lượng hoạt động công đoàn "
    "cơ sở; đại hội, hội nghị người lao động, thương lượng và thỏa ước lao động tập thể.",
    "cham-lo": "Chăm lo đời sống, đại diện, bảo vệ quyền và lợi ích hợp pháp, chính đáng của "
    "đoàn viên, người lao động.",
    "loi-ich": "Phúc lợi đoàn viên: thẻ ưu đãi, “Bữa cơm Công đoàn”, hoạt động văn hóa, thể "
    "thao và các chương trình dành riêng cho đoàn viên công đoàn.",
    "nu-cong": "Hoạt động nữ công, bình đẳng giới, chăm lo lao động nữ và con đoàn viên.",
    "thi-dua": "Phong trào thi đua yêu nước, sáng kiến, cải tiến kỹ thuật và khen thưởng.",
    "doi-ngoai": "Hợp tác quốc tế của Công đoàn Thủ đô với công đoàn các nước và tổ chức quốc tế.",
    "chinh-sach": "Văn bản chỉ đạo, chính sách, pháp luật mới liên quan đến người lao động; "
    "“Công nhân hỏi – Công đoàn trả lời”.",
}

# How often each category gets a generated item (the 2015 summary: Tuyên truyền giáo dục 344,
# Xây dựng công đoàn cơ sở 305, Chăm lo, bảo vệ 248 of 1.262 items; the rest is plausible).
CATEGORY_WEIGHTS = {
    "tuyen-truyen": 344,
    "xay-dung": 305,
    "cham-lo": 248,
    "loi-ich": 150,
    "nu-cong": 70,
    "thi-dua": 90,
    "doi-ngoai": 25,
    "chinh-sach": 110,
}

# Sub-sites (trang thông tin thành phần): unit code -> slug, categories (key, title, topics).
SUBSITES = {
    "HN-LONGBIEN": {
        "slug": "long-bien",
        "intro": "<p>Trang thông tin thành phần của Liên đoàn Lao động quận Long Biên: 280 công "
        "đoàn cơ sở, 11.684 đoàn viên công đoàn trên tổng số 12.538 người lao động. Đơn vị đầu "
        "tiên của Thành phố cấp thẻ ưu đãi cho đoàn viên, với 19 doanh nghiệp đối tác giảm giá "
        "từ 5% đến 50%.</p>",
        "categories": [
            ("hoat-dong", "Hoạt động công đoàn", ["xay-dung", "tuyen-truyen", "thi-dua"]),
            ("phuc-loi", "Phúc lợi đoàn viên", ["the-uu-dai", "cham-lo", "loi-ich"]),
            ("van-hoa", "Văn hóa – Thể thao", ["van-hoa"]),
        ],
    },
    "HN-DONGANH": {
        "slug": "dong-anh",
        "intro": "<p>Trang thông tin thành phần của Liên đoàn Lao động huyện Đông Anh: tin hoạt "
        "động của các công đoàn cơ sở trong trường học, cơ quan và doanh nghiệp trên địa bàn "
        "huyện, các chương trình chăm lo cho đoàn viên, người lao động.</p>",
        "categories": [
            ("hoat-dong", "Hoạt động công đoàn", ["xay-dung", "tuyen-truyen", "thi-dua"]),
            ("cham-lo", "Chăm lo đời sống", ["cham-lo", "loi-ich"]),
            ("nu-cong", "Nữ công", ["nu-cong"]),
        ],
    },
}

# --------------------------------------------------------------------------------------------
# Illustrations, drawn at demo time: (title and alt text, motif, top colour, bottom colour).

IMAGE_THEMES = [
    # (key, label drawn on the picture and its title, motif, top colour, bottom colour)
    ("Hội nghị tổng kết", "Hội nghị công đoàn", "people", "#0b4f8a", "#2a8bd8"),
    ("Hội thảo Bản tin", "Bản tin sinh hoạt công đoàn cơ sở", "book", "#7a1f1f", "#d04a3a"),
    ("Tập huấn kỹ năng", "Tập huấn cộng tác viên", "people", "#14532d", "#3aa35b"),
    ("Truyền thông công đoàn", "Truyền thông công đoàn", "phone", "#1e3a8a", "#6d8cf0"),
    ("Chuyến xe Công đoàn", "Chuyến xe Công đoàn", "bus", "#9a1c1c", "#f2a33a"),
    ("Chợ Tết Công đoàn", "Chợ Tết Công đoàn", "market", "#b91c1c", "#f6c445"),
    ("Bữa cơm Công đoàn", "Bữa cơm Công đoàn", "meal", "#92400e", "#f59e0b"),
    ("Trao hỗ trợ Mái ấm", "Mái ấm Công đoàn", "house", "#065f46", "#34d399"),
    ("Thẻ ưu đãi", "Thẻ ưu đãi đoàn viên", "card", "#312e81", "#8b5cf6"),
    ("Ký kết thỏa ước", "Thỏa ước lao động tập thể", "handshake", "#134e4a", "#14b8a6"),
    ("Đối thoại tại nơi làm việc", "Đối thoại tại nơi làm việc", "people", "#3f3f46", "#a1a1aa"),
    ("Khám sức khỏe", "Chăm lo sức khỏe người lao động", "health", "#0e7490", "#67e8f9"),
    ("Hội thao", "Hội thao công nhân, viên chức, lao động", "sport", "#1d4ed8", "#22c55e"),
    ("Tuyên dương", "Thi đua, khen thưởng", "star", "#a16207", "#fde047"),
    ("Nữ công", "Nữ công", "flower", "#9d174d", "#f9a8d4"),
    ("Đoàn đại biểu", "Hợp tác quốc tế", "globe", "#1e40af", "#38bdf8"),
    ("Phổ biến pháp luật", "Chính sách, pháp luật", "law", "#44403c", "#d6a35c"),
    ("Tháng Công nhân", "Tháng Công nhân", "flag", "#b91c1c", "#ef4444"),
    ("An toàn, vệ sinh lao động", "An toàn, vệ sinh lao động", "shield", "#a16207", "#facc15"),
    ("Kết nạp đoàn viên", "Phát triển đoàn viên", "people", "#5b21b6", "#c084fc"),
    ("Hỗ trợ đoàn viên bị ảnh hưởng", "Hỗ trợ đoàn viên vùng bão lũ", "rain", "#334155", "#60a5fa"),
    ("Công nhân hỏi", "Công nhân hỏi – Công đoàn trả lời", "chat", "#0f766e", "#5eead4"),
    ("Tổ tự quản", "Nhà trọ công nhân", "house", "#7c2d12", "#fb923c"),
    ("Văn hóa công sở", "Văn hóa công sở", "music", "#4c1d95", "#f472b6"),
]
IMAGE_SIZE = (1200, 675)
# What the banner above the meeting table says, on the pictures of people at a meeting.
BANNERS = {
    "Hội nghị tổng kết": "HỘI NGHỊ",
    "Tập huấn": "LỚP TẬP HUẤN",
    "Đối thoại": "ĐỐI THOẠI",
    "Kết nạp": "LỄ KẾT NẠP ĐOÀN VIÊN",
}

THEME = {key: index for index, (key, *_rest) in enumerate(IMAGE_THEMES)}


def _theme(prefix):
    for key, index in THEME.items():
        if key.startswith(prefix):
            return index
    raise KeyError(prefix)


def image_label(index):
    """What picture `index` shows: its title, alt text and the caption drawn on it."""
    return IMAGE_THEMES[index][1]


# --------------------------------------------------------------------------------------------
# The five seeds, as published (long bodies shortened, wording kept). Dates are the real ones;
# where a seed gives no time (or no day), the comment says what was chosen and why.


def _at(year, month, day, hour, minute, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=HANOI_TZ)


SEEDS = [
    {
        "key": "seed-tong-ket-trang-web-2015",
        "category": "tuyen-truyen",
        "title": "Tổng kết hoạt động trang web LĐLĐ Thành phố năm 2015",
        "lead": "Ngày 28/01/2016, Liên đoàn Lao động Thành phố Hà Nội đã tổ chức tổng kết hoạt "
        "động trang web năm 2015 và triển khai chương trình hoạt động năm 2016. Dự và chỉ đạo "
        "hội nghị có đồng chí Lê Thanh Đà - Phó Chủ tịch Thường trực LĐLĐ Thành phố - Trưởng "
        "ban biên tập trang web.",
        "date": _at(2016, 1, 29, 14, 4, 29),  # "Ngày đăng: 29/01/2016 | 14:04:29"
        "event_date": date(2016, 1, 28),
        "author": "Ban biên tập",
        "unit": "HN",
        "tags": ["trang thông tin điện tử", "cộng tác viên", "tổng kết năm", "giấy mời họp"],
        "featured": True,
        "image": _theme("Hội nghị tổng kết"),
        "image_caption": "Hội nghị tổng kết hoạt động trang web LĐLĐ Thành phố năm 2015 (ảnh "
        "minh họa). Ảnh: CĐHN",
        "blocks": [
            (
                "p",
                "Năm 2015 là năm diễn ra nhiều sự kiện quan trọng ảnh hưởng sâu sắc tới đời sống "
                "chính trị - kinh tế - xã hội của Thủ đô nói riêng và đất nước nói chung như kỷ "
                "niệm 70 năm Cách mạng Tháng Tám và Quốc khánh 2/9; năm diễn ra Đại hội Đảng các "
                "cấp hướng tới Đại hội Đảng toàn quốc lần thứ XII, các cấp công đoàn tổ chức sơ "
                "kết nửa nhiệm kỳ thực hiện Nghị quyết Đại hội Công đoàn Việt Nam lần thứ XI, "
                "Nghị quyết Đại hội XV Công đoàn thành phố… vì vậy, việc đưa tin, tuyên truyền; "
                "phục vụ công tác lãnh đạo, chỉ đạo của Thường trực, Ban Chấp hành, Ban Thường "
                "vụ LĐLĐ Thành phố thông qua trang web tới các cấp tiếp tục là một nhiệm vụ quan "
                "trọng hàng đầu của tổ chức công đoàn.",
            ),
            ("h2", "Truyền tải thông tin điều hành, chỉ đạo"),
            (
                "p",
                "Nhằm phát huy thế mạnh của công nghệ thông tin phục vụ công tác điều hành, chỉ "
                "đạo nhanh chóng, kịp thời của Thường trực, Ban Thường vụ, Ban Chấp hành Liên "
                "đoàn Lao động Thành phố tới các cấp công đoàn, thông qua trang web kế hoạch "
                "công tác quý, lịch công tác hàng tuần của Thường trực Liên đoàn Lao động Thành "
                "phố tiếp tục được đăng tải và hiển thị thuận tiện đối với người tra cứu, sử "
                "dụng. Hệ thống các chương trình công tác, các văn bản chỉ đạo, điều hành của "
                "Thành phố đối với Liên đoàn Lao động các quận, huyện, thị xã, công đoàn ngành, "
                "công đoàn cấp trên cơ sở đã được đăng tải trên trang web trước khi gửi qua "
                "đường công văn tới các đơn vị.",
            ),
            (
                "p",
                "Hệ thống giấy mời họp thông qua trang web tiếp tục được sử dụng có hiệu quả. "
                "Các dự thảo văn bản, các tài liệu phục vụ hội nghị, hội thảo được đính kèm "
                "giấy mời cho phép người dùng tải về đã góp phần rút ngắn thời gian, đảm bảo "
                "thông tin nhanh, kịp thời, chính xác giữa Liên đoàn Lao động Thành phố tới các "
                "cấp Công đoàn Thủ đô. Thông qua việc triển khai giấy mời họp và tài liệu đính "
                "kèm qua trang web đã góp phần tiết kiệm chi phí hành chính của cả hệ thống "
                "công đoàn.",
            ),
            ("h2", "Chú trọng nâng cao chất lượng tin bài, hoạt động trang web"),
            (
                "p",
                "Trong năm 2015 có tổng cộng 1.262 tin, bài và 1.260 ảnh phản ánh hoạt động của "
                "các cấp công đoàn Thủ đô đã được đăng tải. Bình quân mỗi tháng có 105 tin, bài "
                "được cập nhật trên trang web. Bài viết trên các chuyên mục trên trang web được "
                "cập nhật thường xuyên, liên tục, một số chuyên mục có số lượng bài lớn như: "
                "Chuyên mục Tuyên truyền giáo dục: 344 tin, bài; Chuyên mục Xây dựng công đoàn "
                "cơ sở: 305 tin, bài; Chuyên mục Chăm lo, bảo vệ: 248 tin, bài…",
            ),
            (
                "p",
                "Chất lượng tin, bài tiếp tục được nâng lên so với các năm trước, nội dung phong "
                "phú, đa dạng, kịp thời, phản ánh khách quan, toàn diện kết quả hoạt động của "
                "các cấp công đoàn, phong trào CNVCLĐ Thủ đô. Nhiều bài viết trên trang web của "
                "LĐLĐ Thành phố đã được trang web Tổng LĐLĐ Việt Nam cùng nhiều trang web và báo "
                "khác đăng tải lại nội dung.",
            ),
            (
                "p",
                "Trong năm qua, Liên đoàn Lao động Thành phố tiếp tục hướng dẫn các đơn vị triển "
                "khai có hiệu quả phần mềm cơ sở dữ liệu; tập huấn bằng phương pháp tích cực cho "
                "hơn 100 lượt cộng tác viên của các ban, đơn vị, các LĐLĐ quận, huyện, thị xã, "
                "công đoàn ngành, công đoàn cấp trên cơ sở và công đoàn cơ sở trực thuộc về kỹ "
                "năng khai thác thông tin, viết tin bài tuyên truyền và chụp ảnh trên trang web "
                "LĐLĐ Thành phố; tổ chức Hội thi “Ứng dụng công nghệ thông tin trong hoạt động "
                "công đoàn” thu hút sự tham gia của 95 thí sinh đến từ 54 công đoàn cấp trên "
                "trực tiếp cơ sở và các ban, đơn vị trực thuộc cơ quan LĐLĐ Thành phố…",
            ),
            ("h2", "Năm 2016: tập trung nâng cao chất lượng hoạt động trang web"),
            (
                "p",
                "Đó là nhiệm vụ trọng tâm được đồng chí Lê Thanh Đà - Phó Chủ tịch Thường trực "
                "LĐLĐ Thành phố nhấn mạnh và triển khai trong chương trình hoạt động năm 2016 "
                "của trang web. Trang web đã đi vào hoạt động năm thứ 9, số lượng tin bài đã ổn "
                "định, chất lượng tiếp tục được cải thiện. Tuy nhiên số lượng tin bài chưa phản "
                "ánh đúng tiềm năng và hoạt động của cả hệ thống công đoàn Thành phố. Mặt khác, "
                "một số tin hoạt động gửi về Ban Biên tập quá muộn, không còn tính thời sự; số "
                "lượng tin, bài chuyên sâu, bài mang tính lý luận, chia sẻ kinh nghiệm trong "
                "công tác công đoàn còn chưa nhiều và chất lượng còn hạn chế.",
            ),
            (
                "p",
                "Đồng chí Lê Thanh Đà đề nghị đối với Ban biên tập trang Web cần thực hiện tốt "
                "công tác đào tạo, bồi dưỡng cho đội ngũ cộng tác viên về nghiệp vụ viết tin bài "
                "cho trang Web, tiếp tục mở thêm các chuyên trang chuyên mục trên trang web, "
                "thay đổi giao diện cho phù hợp, thuận tiện cho bạn đọc, đặc biệt cần đào tạo kỹ "
                "lưỡng về sử dụng phần mềm cho đội ngũ cán bộ chuyên trách công đoàn.",
            ),
            (
                "p",
                "Để biểu dương thành tích của các cá nhân tích cực đóng góp vào hoạt động trang "
                "web LĐLĐ Thành phố, tại hội nghị 10 tập thể, 15 cá nhân đã được LĐLĐ thành phố "
                "khen thưởng.",
            ),
        ],
    },
    {
        "key": "seed-nang-cao-chat-luong-tuyen-truyen",
        "category": "tuyen-truyen",
        "title": "Công đoàn Thủ đô: Nâng cao chất lượng công tác tuyên truyền",
        "lead": "(LĐTĐ) Phát huy truyền thống và kinh nghiệm 95 năm xây dựng và phát triển, để "
        "đạt hiệu quả cao nhất trong hoạt động, công tác tuyên truyền đóng vai trò rất quan "
        "trọng. Đặc biệt, trong kỷ nguyên số, với sự lên ngôi của mạng xã hội, phương thức "
        "tuyên truyền, cách thức truyền thông như nào đối với các lĩnh vực nói chung, tổ chức "
        "Công đoàn Thủ đô nói riêng nhằm đạt hiệu quả cao nhất luôn được Liên đoàn Lao động "
        "(LĐLĐ) thành phố Hà Nội quan tâm.",
        # The seed prints no date: it marks the 95th anniversary (28/7/2024) and sits beside
        # news of 25-26/7/2024, so the morning of 26/7/2024.
        "date": _at(2024, 7, 26, 7, 45, 12),
        "event_date": None,
        "author": "MẠNH QUÂN",
        "unit": "HN",
        "tags": ["truyền thông", "Bản tin sinh hoạt CĐCS", "Chương trình 09", "mạng xã hội"],
        "featured": True,
        "image": _theme("Truyền thông công đoàn"),
        "image_caption": "Trang Facebook “Công đoàn Hà Nội” và trang thông tin điện tử LĐLĐ "
        "Thành phố phản ánh kịp thời hoạt động công đoàn (ảnh minh họa). Ảnh: LĐTĐ",
        "blocks": [
            ("h2", "Kết hợp tuyên truyền theo mô hình đa phương tiện"),
            (
                "p",
                "Nhận thấy rõ vai trò của báo chí trong công tác truyền thông Công đoàn, hằng "
                "năm, LĐLĐ thành phố Hà Nội đã phối hợp với các cơ quan báo chí Trung ương và Hà "
                "Nội tuyên truyền sâu rộng, lan tỏa hoạt động của các cấp Công đoàn Thủ đô. Đặc "
                "biệt, với lợi thế là tổ chức có cơ quan ngôn luận riêng, LĐLĐ Thành phố đã chỉ "
                "đạo báo Lao động Thủ đô tổ chức tuyên truyền đầy đủ, chính xác, kịp thời mọi "
                "hoạt động của các cấp Công đoàn trên cả báo giấy, báo điện tử và các chuyên "
                "trang; truyền trực tuyến các sự kiện, hoạt động lớn của LĐLĐ Thành phố để tạo "
                "sức lan tỏa; phối hợp với các Công đoàn cấp trên trực tiếp cơ sở tổ chức các "
                "chương trình tọa đàm, giao lưu trực tuyến để truyền thông kiến thức pháp luật "
                "và các chế độ chính sách liên quan đến người lao động.",
            ),
            (
                "image",
                _theme("Hội nghị tổng kết"),
                "Phó Chủ tịch LĐLĐ thành phố Hà Nội Nguyễn Thị Thu Thủy (thứ 4 từ trái sang) "
                "cùng lãnh đạo Báo Lao động Thủ đô tặng hoa cho các chuyên gia tham gia buổi Đối "
                "thoại - giao lưu trực tuyến - truyền thông chính sách do Báo Lao động Thủ đô "
                "phối hợp với Công đoàn các Khu công nghiệp và chế xuất Hà Nội tổ chức.",
                "LĐTĐ",
            ),
            (
                "p",
                "Bên cạnh đó, LĐLĐ Thành phố đã sử dụng hiệu quả trang thông tin điện tử LĐLĐ "
                "Thành phố, trang Facebook “Công đoàn Hà Nội” để phản ánh kịp thời, toàn diện, "
                "đầy đủ, chính xác thông tin về hoạt động công đoàn và phong trào công nhân, "
                "viên chức, lao động (CNVCLĐ) của các cấp Công đoàn Thủ đô. Ngoài trang Facebook "
                "“Công đoàn Hà Nội”, các Công đoàn cấp trên trực tiếp cơ sở cũng đã lập trang "
                "Facebook để tuyên truyền về hoạt động công đoàn của đơn vị. Tại các Công đoàn "
                "cơ sở, hoạt động truyền thông Công đoàn được thực hiện qua các Bảng tin Công "
                "đoàn, loa truyền thanh, các nhóm Facebook, Zalo.",
            ),
            (
                "p",
                "Từ năm 2021 đến nay, LĐLĐ thành phố Hà Nội đã xây dựng và phát hành Bản tin "
                "sinh hoạt Công đoàn cơ sở. Nội dung Bản tin là những tin, bài, ảnh, thông tin "
                "mang tính thời sự phản ánh những hoạt động nổi bật của các cấp Công đoàn; kinh "
                "nghiệm, mô hình hay, cách làm hiệu quả của các Công đoàn cơ sở; gương CNVCLĐ "
                "điển hình tiên tiến… Bản tin sinh hoạt Công đoàn cơ sở đã và đang phát huy được "
                "hiệu quả tích cực, góp phần đẩy mạnh công tác truyền thông Công đoàn.",
            ),
            ("h2", "Tiếp tục tạo xung lực mới"),
            (
                "p",
                "Nhiệm kỳ 2023 - 2028, Ban Chấp hành LĐLĐ thành phố Hà Nội đã xây dựng và ban "
                "hành Chương trình số 09/CTr-LĐLĐ về “Đẩy mạnh công tác tuyên truyền, vận động "
                "và nâng cao đời sống văn hóa tinh thần cho cán bộ, đoàn viên, người lao động "
                "Thủ đô giai đoạn 2023 - 2028” (Chương trình số 09). Trong đó, Ban Chấp hành LĐLĐ "
                "Thành phố đặt ra chỉ tiêu hằng năm phấn đấu 100% Công đoàn cấp trên trực tiếp "
                "cơ sở và Công đoàn cơ sở có từ 1.000 lao động trở lên phải có ít nhất 01 tuyên "
                "truyền viên.",
            ),
            (
                "image",
                _theme("Hội thảo Bản tin"),
                "Cán bộ, đoàn viên công đoàn, người lao động tranh thủ đọc Bản tin sinh hoạt "
                "Công đoàn cơ sở",
                "LĐTĐ",
            ),
            (
                "p",
                "100% Chủ tịch Công đoàn cơ sở, báo cáo viên, tuyên truyền viên tại các Công đoàn "
                "cơ sở có từ 1.000 lao động trở lên được tập huấn ít nhất 1 lần/1 năm về các nội "
                "dung chuyên môn, nghiệp vụ, kỹ năng công tác truyền thông. 100% các đơn vị Công "
                "đoàn cấp trên trực tiếp cơ sở duy trì thường xuyên hoạt động trang Fanpage của "
                "đơn vị; 100% cán bộ Công đoàn cấp trên trực tiếp cơ sở được phân công làm cộng "
                "tác viên của Trang Thông tin điện tử LĐLĐ Thành phố gửi thông tin, hình ảnh cộng "
                "tác thường xuyên, liên tục.",
            ),
            (
                "p",
                "Tiếp tục phát hành cuốn Bản tin sinh hoạt Công đoàn cơ sở. Chú trọng công tác "
                "định hướng thông tin trên Internet, Trang Facebook “Công đoàn Hà Nội”, trang "
                "Thông tin điện tử tổng hợp LĐLĐ Thành phố; tạo app Công đoàn Hà Nội, tổ chức "
                "livestream các sự kiện do Công đoàn tổ chức trên Trang Facebook Công đoàn Hà "
                "Nội. Định kỳ khảo sát nhu cầu về nội dung, mô hình học tập, nâng cao trình độ, "
                "tiếp cận thông tin của đoàn viên, người lao động.",
            ),
            (
                "p",
                "Có thể nói, cùng với các hình thức tuyên truyền truyền thống, tổ chức Công đoàn "
                "Thủ đô đã, đang và sẽ tiếp tục triển khai nhiều cách làm hay, mô hình mới, phù "
                "hợp với tình hình thực tiễn, ứng dụng rộng rãi công nghệ thông tin, internet, "
                "mạng xã hội (báo điện tử, trang thông tin điện tử, nhóm Zalo, Facebook…) để "
                "nâng cao hiệu quả công tác truyền thông Công đoàn, tạo sự tương tác, chia sẻ, "
                "gắn kết chặt chẽ giữa đoàn viên, người lao động với tổ chức Công đoàn.",
            ),
        ],
    },
    {
        "key": "seed-cong-thong-tin-cdvn",
        "category": "chinh-sach",
        "title": "Tổng LĐLĐVN chỉ đạo: Các cấp CĐ khai thác, sử dụng Cổng thông tin điện tử CĐVN",
        "lead": "Vừa qua, Phó Chủ tịch Tổng LĐLĐVN Nguyễn Văn Ngàng đã thay mặt Đoàn Chủ tịch "
        "Tổng LĐLĐVN (TLĐ) có văn bản số: 1197/TLĐ, chỉ đạo các LĐLĐ tỉnh, TP, CĐ ngành T.Ư, "
        "CĐ TCty trực thuộc TLĐ khai thác, sử dụng Cổng Thông tin điện tử CĐVN.",
        # The seed (Báo Lao Động) prints no date: the portal opened on 28/7 (2016) and the
        # article reports the directive that followed, so early August 2016.
        "date": _at(2016, 8, 9, 6, 30, 0),
        "event_date": None,
        "author": "B.C.Đ",
        "unit": "TLD",
        "tags": ["Cổng thông tin điện tử", "văn bản chỉ đạo", "cộng tác viên", "nhuận bút"],
        "featured": False,
        "image": _theme("Truyền thông công đoàn"),
        "image_caption": "Cổng thông tin điện tử Công đoàn Việt Nam www.congdoan.vn (ảnh minh "
        "họa). Ảnh: LĐ",
        "blocks": [
            (
                "p",
                "Theo đó, ngày 28.7, Tổng LĐLĐVN đã khai trương Cổng thông tin điện tử CĐVN "
                "(CTT), địa chỉ truy cập: www.congdoan.vn. Và thực hiện Quyết định số "
                "1291/QĐ-TLĐ ngày 26.7 của Tổng LĐLĐVN về việc ban hành quy chế hoạt động CTT và "
                "để khai thác, vận hành có hiệu quả CTT, Tổng LĐLĐVN đề nghị các LĐLĐ tỉnh, TP, "
                "CĐ ngành T.Ư, CĐ TCty trực thuộc TLĐ:",
            ),
            (
                "p",
                "Đối với phần thông tin chỉ đạo, điều hành (Văn phòng TLĐ phụ trách) - sử dụng "
                "hệ thống thông tin điều hành và phần mềm quản lý tổ chức, nhân sự của CTT vào "
                "công tác quản lý, điều hành của đơn vị. Tài khoản quản trị hệ thông tin điều "
                "hành của đơn vị đã được khởi tạo theo thông tin đơn vị đã đăng ký, gửi kèm "
                "theo.",
            ),
            (
                "p",
                "Đối với phần thông tin thông tấn và truyền thông đa phương tiện (Báo Lao Động "
                "phụ trách): Mỗi LĐLĐ tỉnh, TP, CĐ ngành T.Ư, CĐ TCty trực thuộc TLĐ gửi ít nhất "
                "1 tin, bài, ảnh/tuần, nội dung phải có tính phát hiện mới liên quan trực tiếp "
                "đến đời sống, việc làm của CNVCLĐ, hoạt động CĐ để đăng tải lên CTT (tin, bài, "
                "ảnh được sử dụng sẽ được chấm, trả nhuận bút theo quy định).",
            ),
            (
                "p",
                "Đối với phần thông tin chuyên đề (Ban Tuyên giáo TLĐ phụ trách): Các ban, đơn "
                "vị trực thuộc TLĐ gửi ít nhất 2 bài có kèm ảnh/tuần về các nội dung nghiên cứu "
                "chuyên sâu theo chuyên đề do ban, đơn vị phụ trách để đăng tải trên CTT (tin, "
                "bài, ảnh được sử dụng sẽ được chấm, trả nhuận bút theo quy định).",
            ),
            (
                "p",
                "Các LĐLĐ tỉnh, TP, CĐ ngành T.Ư, CĐ TCty trực thuộc TLĐ phổ biến CTT tới CNVCLĐ "
                "và 100% CĐCS; là đầu mối tiếp nhận ý kiến của CNVCLĐ, tham gia xử lý, trả lời "
                "kiến nghị của CNVCLĐ trên các chuyên mục “Công nhân hỏi - Công đoàn trả lời”; "
                "“Ý kiến đoàn viên”…; cập nhật thông tin nhanh, chính xác về đời sống CNVCLĐ và "
                "hoạt động CĐ trên Trang thông tin thành phần của đơn vị mình; vận động, tổ chức "
                "để CBCĐ, đoàn viên, NLĐ tham gia ý kiến tại chuyên mục “Trưng cầu ý kiến” trên "
                "CTT để TLĐ nắm bắt được tư tưởng, tâm tư, nguyện vọng của đoàn viên, CNVCLĐ, dư "
                "luận xã hội. Định kỳ vào cuối tháng 6 và tháng 12 tập hợp, đánh giá kết quả gửi "
                "về TLĐ (qua Ban Tuyên giáo).",
            ),
        ],
    },
    {
        "key": "seed-hoi-thao-ban-tin-cdcs",
        "category": "xay-dung",
        "title": "Hội thảo nâng cao chất lượng Bản tin sinh hoạt công đoàn cơ sở",
        "lead": "Sáng 23/11, Liên đoàn Lao động (LĐLĐ) TP Hà Nội tổ chức Hội thảo Thực trạng và "
        "giải pháp nâng cao chất lượng công tác xây dựng và phát hành Bản tin sinh hoạt công "
        "đoàn cơ sở (CĐCS).",
        # "Sáng 23/11" of 2022: two years into the bulletin begun in 2021, next to news of the
        # 2023 "Chợ Tết Công đoàn"; posted the same afternoon.
        "date": _at(2022, 11, 23, 16, 12, 40),
        "event_date": date(2022, 11, 23),
        "author": "NGỌC ÁNH",
        "unit": "HN",
        "tags": ["Bản tin sinh hoạt CĐCS", "hội thảo", "tuyên truyền", "bản điện tử"],
        "featured": True,
        "image": _theme("Hội thảo Bản tin"),
        "image_caption": "LĐLĐ thành phố Hà Nội tổ chức Hội thảo Thực trạng và giải pháp nâng "
        "cao chất lượng công tác xây dựng và phát hành Bản tin sinh hoạt công đoàn cơ sở. Ảnh: "
        "CĐHN",
        "blocks": [
            (
                "p",
                "Dự Hội thảo có các đồng chí: Vũ Mạnh Tiêm - Phó Trưởng Ban Tuyên giáo Tổng LĐLĐ "
                "Việt Nam; Nguyễn Huy Khánh - Phó chủ tịch LĐLĐ TP Hà Nội; lãnh đạo các Ban LĐLĐ "
                "TP; Ban chỉ đạo Bản tin; đại diện công đoàn cấp trên trực tiếp cơ sở và CĐCS "
                "trên địa bàn.",
            ),
            (
                "p",
                "Phát biểu đề dẫn Hội thảo, đồng chí Hà Đông - Ủy viên Ban Thường vụ, Trưởng Ban "
                "Tuyên giáo LĐLĐ TP Hà Nội, Phó Trưởng ban Thường trực Ban Chỉ đạo Bản tin sinh "
                "hoạt CĐCS cho biết, trong 2 năm thực hiện Đề án thí điểm, nội dung cuốn Bản tin "
                "sinh hoạt CĐCS là những tin, bài, ảnh, thông tin mang tính thời sự, phản ánh "
                "những hoạt động của Tổng LĐLĐ Việt Nam, LĐLĐ TP Hà Nội, của các cấp công đoàn, "
                "đoàn viên, người lao động; thông tin về các chủ trương, chính sách mới của "
                "Đảng, Nhà nước; chia sẻ kinh nghiệm hoạt động, cách làm hay của chủ tịch công "
                "đoàn cấp trên trực tiếp cơ sở và CĐCS, các sáng kiến, sáng tạo hiệu quả…",
            ),
            (
                "p",
                "Tuy nhiên trong quá trình thực hiện thí điểm việc sản xuất, phát hành Bản tin "
                "sinh hoạt CĐCS vẫn còn bộc lộ một số tồn tại, hạn chế trong nội dung cũng như "
                "công tác phát hành như: Một vài số kỳ chưa có bài định hướng hoạt động chung; "
                "một số CĐCS chưa nhiệt tình tham gia, ủng hộ, hoạt động, còn ngại xuất hiện "
                "thông tin trong Bản tin; số lượng phát hành còn thiếu so với nhu cầu thực tế.",
            ),
            (
                "image",
                _theme("Hội nghị tổng kết"),
                "Đồng chí Vũ Mạnh Tiêm - Phó Trưởng Ban Tuyên giáo Tổng LĐLĐ Việt Nam phát biểu "
                "tại Hội thảo.",
                "CĐHN",
            ),
            (
                "quote",
                "Bản tin là cuốn cẩm nang công đoàn có ý nghĩa thiết thực, góp phần nâng cao kỹ "
                "năng, nghiệp vụ của cán bộ công đoàn, nhất là CĐCS; là công cụ hữu ích phục vụ "
                "cho công tác tuyên truyền của tổ chức Công đoàn trong bối cảnh đầy thách thức "
                "đặt ra cho cán bộ công đoàn hiện nay.",
                "Vũ Mạnh Tiêm - Phó Trưởng Ban Tuyên giáo Tổng LĐLĐ Việt Nam",
            ),
            (
                "p",
                "Tại Hội thảo, đại diện các công đoàn cấp trên trực tiếp cơ sở và CĐCS đã tham "
                "gia đóng góp ý kiến để làm rõ những thuận lợi, khó khăn trong quá trình xây "
                "dựng, phát hành Bản tin. Các đại biểu nhấn mạnh, từ khi Bản tin được phát hành "
                "đã kịp thời cung cấp chính xác cho cán bộ công đoàn những thông tin mới liên "
                "quan đến chủ trương, đường lối của Đảng, của tổ chức Công đoàn và những chế độ, "
                "chính sách liên quan đến người lao động; nhiều cán bộ CĐCS coi cuốn Bản tin là "
                "người bạn đồng hành trong hoạt động tuyên truyền.",
            ),
            (
                "image",
                _theme("Đối thoại tại nơi làm việc"),
                "Các đại biểu tham gia đóng góp ý kiến tại buổi Hội thảo.",
                "CĐHN",
            ),
            (
                "p",
                "Từ thực tiễn, các đại biểu cũng thẳng thắn chỉ ra những khó khăn trong quá "
                "trình phát hành Bản tin. Cụ thể, mỗi CĐCS được nhận 1 cuốn/số nên việc tuyên "
                "truyền rộng rãi cho cán bộ công đoàn, đoàn viên, người lao động còn hạn chế; "
                "việc phát hành Bản tin qua bước trung gian là công đoàn cấp trên trực tiếp cơ "
                "sở nên việc đến cơ sở đôi khi còn chậm…",
            ),
            (
                "p",
                "Đại diện các công đoàn cấp trên cơ sở và CĐCS mong muốn tăng cường thông tin về "
                "mô hình, cách làm hiệu quả; tăng cường nội dung về tư vấn pháp luật, phổ biến "
                "những chế độ, chính sách mới; phát hành Bản tin tới trực tiếp CĐCS để đảm bảo "
                "tính kịp thời, hiệu quả; phân bổ số lượng phát hành phù hợp với nhu cầu thực tế "
                "cơ sở… Ngoài việc xây dựng Bản tin sinh hoạt CĐCS như hiện nay, nên thêm bản "
                "điện tử để đoàn viên, người lao động thuận tiện hơn trong việc tiếp cận thông "
                "tin.",
            ),
            (
                "p",
                "Phát biểu kết luận Hội thảo, Phó Chủ tịch LĐLĐ TP Hà Nội - Nguyễn Huy Khánh "
                "nhấn mạnh, Bản tin sinh hoạt CĐCS là tài liệu chính thống, được cơ sở đánh giá "
                "cao, phản ánh được hơi thở hoạt động của tổ chức Công đoàn Thủ đô; Ban chỉ đạo "
                "sản xuất sẽ tiếp thu và có các giải pháp để điều chỉnh, khắc phục khó khăn, hạn "
                "chế, tiếp tục đổi mới công tác xây dựng, phát hành để cuốn Bản tin sinh hoạt "
                "CĐCS thực sự là cuốn “cẩm nang” cho cán bộ công đoàn Thủ đô.",
            ),
        ],
    },
    {
        "key": "seed-long-bien-huong-ve-co-so",
        "category": "loi-ich",
        "title": "Tổng LĐLĐ Việt Nam đánh giá cao sự đổi mới, hướng về cơ sở của LĐLĐ quận "
        "Long Biên",
        "lead": "Phó Chủ tịch thường trực Tổng LĐLĐ Việt Nam Trần Thanh Hải cùng lãnh đạo LĐLĐ "
        "TP Hà Nội làm việc với LĐLĐ quận Long Biên, đơn vị duy nhất của Thành phố đã cấp thẻ "
        "ưu đãi cho đoàn viên, với 19 doanh nghiệp đối tác giảm giá từ 5% đến 50%.",
        # The seed prints no date: "10 tháng đầu năm", eight years of the district's software
        # since 2010 and the 2017 "Năm vì lợi ích đoàn viên" just past put it in early
        # November 2018.
        "date": _at(2018, 11, 8, 17, 25, 3),
        "event_date": date(2018, 11, 7),
        "author": "",
        "unit": "HN-LONGBIEN",
        "tags": ["thẻ ưu đãi", "phúc lợi đoàn viên", "ứng dụng CNTT", "Long Biên"],
        "featured": True,
        "image": _theme("Thẻ ưu đãi"),
        "image_caption": "Thẻ ưu đãi cho đoàn viên công đoàn quận Long Biên (ảnh minh họa). "
        "Ảnh: CĐHN",
        "blocks": [
            (
                "p",
                "Cùng tham dự buổi làm việc, về phía LĐLĐ TP Hà Nội có các đồng chí: Nguyễn Thị "
                "Tuyến - Ủy viên Đoàn Chủ tịch Tổng LĐLĐ Việt Nam, Ủy viên Ban Thường vụ Thành "
                "ủy, Chủ tịch LĐLĐ TP Hà Nội, các đồng chí là Trưởng các ban, đơn vị gồm: Tổ "
                "chức, Tài chính, Chính sách pháp luật và Văn phòng. Về phía Quận ủy Long Biên "
                "có các đồng chí: Đỗ Mạnh Hải – Bí thư Quận ủy, Chủ tịch HĐND quận; Nguyễn Huy "
                "Thắng – Phó Bí thư thường trực Quận ủy; Đinh Thị Thu Hương – Phó Chủ tịch UBND "
                "quận.",
            ),
            (
                "image",
                _theme("Hội nghị tổng kết"),
                "Phó Chủ tịch thường trực Tổng LĐLĐ Việt Nam phát biểu tại buổi làm việc",
                "CĐHN",
            ),
            (
                "p",
                "Báo cáo về hoạt động nổi bật trong công tác công đoàn (CĐ) và phong trào "
                "CNVCLĐ quận Long Biên, Chủ tịch LĐLĐ quận Long Biên Phan Thị Thu Hằng cho biết: "
                "Với phương châm “Chủ động, đổi mới, sáng tạo, quyết liệt và hướng về cơ sở”, "
                "hàng năm LĐLĐ quận đã chỉ đạo các cấp CĐ hoàn thành các chỉ tiêu, nhiệm vụ theo "
                "sự chỉ đạo của LĐLĐ Thành phố và của Quận ủy Long Biên.",
            ),
            (
                "p",
                "LĐLĐ quận Long Biên hiện quản lý và chỉ đạo trực tiếp là 280 CĐ cơ sở (trong "
                "đó: Hành chính sự nghiệp là 25 đơn vị; khối trường học: 96 đơn vị; doanh nghiệp "
                "ngoài nhà nước: 159 đơn vị) với 11.684 đoàn viên công đoàn/12.538 người lao "
                "động.",
            ),
            (
                "p",
                "Hàng năm, LĐLĐ quận chỉ đạo, hướng dẫn 100% các cơ quan, đơn vị tổ chức hội nghị "
                "cán bộ công chức, nâng cao tỷ lệ và chất lượng tổ chức hội nghị người lao động "
                "tại các doanh nghiệp; chỉ đạo và hướng dẫn cơ sở thương lượng và ký Thỏa ước lao "
                "động tập thể (TƯLĐTT), chất lượng TƯLĐTT ngày càng có nhiều điều, khoản có lợi "
                "cho người lao động. Đặc biệt, LĐLĐ quận đại diện cho người lao động của 7 doanh "
                "nghiệp chưa có tổ chức CĐ tiến hành thương lượng, ký TƯLĐTT với chủ doanh "
                "nghiệp.",
            ),
            (
                "p",
                "Về công tác chăm lo phúc lợi cho đoàn viên và người lao động, từ năm 2014 đến "
                "nay, nhân dịp Tết nguyên đán, LĐLĐ quận đã tổ chức tốt chương trình “Chuyến xe "
                "ô tô miễn phí đưa CNVCLĐ có hoàn cảnh khó khăn về quê đón Tết”. Đặc biệt, năm "
                "2017 thực hiện “Năm vì lợi ích đoàn viên CĐ”, LĐLĐ quận đã mạnh dạn đi đầu "
                "trong toàn Thành phố tổ chức ký cam kết với 13 đơn vị (đến nay là 19 đơn vị) "
                "thực hiện thẻ ưu đãi cho đoàn viên CĐ giảm giá từ 5% đến 50%.",
            ),
            (
                "p",
                "Theo báo cáo của Phó Chủ tịch LĐLĐ quận Long Biên Nguyễn Trường Giang, qua tổng "
                "hợp từ 19 đơn vị (tổng hợp 6 tháng/1 lần), đến nay đã có trên 12.000 lượt đoàn "
                "viên sử dụng thẻ ưu đãi để mua sắm. Năm 2017, lợi nhuận đoàn viên CĐ được hưởng "
                "là trên 60 triệu đồng; 10 tháng đầu năm trên 80 triệu đồng. Đoàn viên thường "
                "xuyên sử dụng thẻ ưu đãi là đoàn viên khối trường học, cán bộ, công chức, viên "
                "chức; đoàn viên khối doanh nghiệp có sử dụng nhưng ít hơn.",
            ),
            (
                "image",
                _theme("Thẻ ưu đãi"),
                "Chủ tịch LĐLĐ quận Long Biên Phan Thị Thu Hằng báo cáo về chương trình phúc lợi "
                "đoàn viên",
                "CĐHN",
            ),
            (
                "p",
                "Về ứng dụng công nghệ thông tin (CNTT), quận Long Biên đang vận hành 9 phần mềm "
                "(Cổng Thông tin điện tử quận, 14/14 phường và 76/76 trường công lập; quản lý "
                "văn bản và điều hành tác nghiệp; quản lý nhân sự; quản lý dịch vụ công; quản lý "
                "công tác tiếp dân và theo dõi giải quyết đơn thư; ISO online; email)... Theo "
                "Bí thư Quận ủy Đỗ Mạnh Hải, quận không còn dùng văn bản giấy từ năm 2011; thậm "
                "chí lãnh đạo quận có thể tra cứu lịch làm việc của từng chuyên viên.",
            ),
            (
                "p",
                "Ghi nhận những hoạt động hiệu quả của LĐLĐ quận Long Biên, Chủ tịch LĐLĐ TP Hà "
                "Nội Nguyễn Thị Tuyến nhấn mạnh: TP Hà Nội có 7/10 LĐLĐ quận, 16/17 LĐLĐ huyện, "
                "thị ký được chương trình hợp tác với doanh nghiệp có chương trình ưu đãi cho "
                "đoàn viên CĐ, nhưng đến nay, LĐLĐ quận Long Biên là đơn vị duy nhất thực hiện "
                "được việc cấp thẻ ưu đãi cho đoàn viên. Tuy nhiên, đồng chí cũng đề nghị LĐLĐ "
                "quận cần nghiên cứu đánh giá được cụ thể và kịp thời hơn về lợi nhuận đoàn viên "
                "đã được hưởng lợi từ thẻ ưu đãi.",
            ),
            (
                "gallery",
                "Hình ảnh buổi làm việc",
                [
                    (
                        _theme("Đoàn đại biểu"),
                        "Đoàn công tác của Tổng LĐLĐ Việt Nam, LĐLĐ TP Hà Nội chụp ảnh lưu niệm "
                        "với lãnh đạo Quận ủy, UBND và LĐLĐ quận Long Biên",
                    ),
                    (
                        _theme("Đối thoại tại nơi làm việc"),
                        "Đồng chí Đỗ Mạnh Hải – Bí thư Quận ủy, Chủ tịch HĐND quận Long Biên "
                        "phát biểu tại buổi làm việc",
                    ),
                    (
                        _theme("Tuyên dương"),
                        "Chủ tịch LĐLĐ TP Hà Nội Nguyễn Thị Tuyến phát biểu tại buổi làm việc",
                    ),
                ],
                "CĐHN",
            ),
            (
                "p",
                "Phó Chủ tịch thường trực Tổng LĐLĐ Việt Nam Trần Thanh Hải đánh giá cao sự chủ "
                "động đổi mới, sáng tạo, hướng về cơ sở vì đoàn viên và người lao động của LĐLĐ "
                "quận Long Biên thời gian qua, mong muốn thời gian tới LĐLĐ quận tiếp tục có "
                "thêm nhiều hoạt động ý nghĩa hướng về đoàn viên, người lao động, qua đó thu hút "
                "được đông đảo người lao động đến với tổ chức CĐ.",
            ),
        ],
    },
]

# --------------------------------------------------------------------------------------------
# Topics of generated news. Slots: {unit} (LĐLĐ quận Cầu Giấy), {unit_name} (its full name),
# {place} (quận Cầu Giấy), {cdcs} (a grassroots union), {org}/{Org} (its workplace),
# {members}/{workers} (its figures), {when} (Sáng 23/11), {year}, {n_*} and {money_*} numbers.
# "needs": which grassroots union the topic talks about; "months": when it happens.


def topic(key, category, titles, lead, paragraphs, *, images, tags, captions, **extra):
    return {
        "key": key,
        "category": category,
        "titles": titles,
        "lead": lead,
        "paragraphs": paragraphs,
        "images": [_theme(prefix) for prefix in images],
        "tags": tags,
        "captions": captions,
        "needs": extra.get("needs"),
        "months": extra.get("months"),
        "quote": extra.get("quote"),
        "units": extra.get("units"),
        "after": extra.get("after"),
        "once": extra.get("once", False),
    }


TOPICS = [
    # Tuyên truyền giáo dục -------------------------------------------------------------
    topic(
        "tap-huan-ctv",
        "tuyen-truyen",
        [
            "{unit} tập huấn kỹ năng viết tin, bài cho cộng tác viên",
            "Nâng cao nghiệp vụ cho đội ngũ cộng tác viên của {unit}",
        ],
        "{when}, {unit_name} tổ chức lớp tập huấn kỹ năng khai thác thông tin, viết tin, bài "
        "và chụp ảnh cho {n_small} cán bộ công đoàn là cộng tác viên của Trang thông tin điện "
        "tử LĐLĐ thành phố Hà Nội.",
        [
            "Tại lớp tập huấn, học viên được giới thiệu các thể loại tin, bài phản ánh hoạt động "
            "công đoàn; cách chọn đề tài, đặt tiêu đề, viết sapo và chú thích ảnh; những yêu cầu "
            "về tính thời sự, chính xác khi gửi tin về Ban Biên tập.",
            "Báo cáo viên lưu ý, nhiều tin hoạt động gửi về quá muộn, không còn tính thời sự. "
            "Tin nên được gửi ngay trong ngày diễn ra sự kiện, kèm ảnh có chú thích đầy đủ họ "
            "tên, chức vụ người trong ảnh và nguồn ảnh.",
            "Năm 2015, Trang thông tin điện tử LĐLĐ Thành phố đã đăng tải 1.262 tin, bài và "
            "1.260 ảnh, bình quân 105 tin, bài mỗi tháng. Theo Chương trình số 09/CTr-LĐLĐ, 100% "
            "cán bộ công đoàn cấp trên trực tiếp cơ sở được phân công làm cộng tác viên của "
            "Trang thông tin điện tử LĐLĐ Thành phố.",
            "Kết thúc lớp tập huấn, {unit} giao mỗi công đoàn cơ sở gửi ít nhất 1 tin, ảnh mỗi "
            "tháng; những cộng tác viên tích cực sẽ được biểu dương trong hội nghị tổng kết năm.",
        ],
        images=["Tập huấn kỹ năng", "Hội nghị tổng kết"],
        tags=["cộng tác viên", "truyền thông", "tập huấn"],
        captions=[
            "Học viên thực hành viết tin, chú thích ảnh tại lớp tập huấn.",
            "Quang cảnh lớp tập huấn cộng tác viên của {unit}.",
        ],
        quote=(
            "Cộng tác viên là những người gần đoàn viên nhất; tin từ cơ sở càng kịp thời thì "
            "thông tin chỉ đạo càng đến nhanh với người lao động.",
            "Đại diện Ban Biên tập Trang thông tin điện tử LĐLĐ Thành phố",
        ),
    ),
    topic(
        "ban-tin-cdcs",
        "tuyen-truyen",
        [
            "Bản tin sinh hoạt công đoàn cơ sở số tháng {month}/{year} đến với đoàn viên {place}",
            "{Org}: Bản tin sinh hoạt CĐCS thành “cẩm nang” của cán bộ công đoàn",
        ],
        "Bản tin sinh hoạt công đoàn cơ sở số tháng {month}/{year} đã được phát hành tới các "
        "công đoàn cơ sở trực thuộc {unit_name}, với nhiều nội dung về chính sách mới, giải đáp "
        "pháp luật và mô hình hay ở cơ sở.",
        [
            "Số Bản tin lần này dành nhiều trang cho thông tin thời sự về hoạt động của các cấp "
            "công đoàn Thủ đô, hướng dẫn nghiệp vụ cho chủ tịch công đoàn cơ sở và chuyên mục "
            "hỏi – đáp pháp luật lao động.",
            "Tại {cdcs}, Bản tin được đặt ở bảng tin công đoàn để {members} đoàn viên cùng đọc. "
            "Ban Chấp hành công đoàn cơ sở chụp, chia sẻ các bài hay lên nhóm Zalo của đơn vị.",
            "Nhiều ý kiến đề nghị tăng số lượng phát hành vì mỗi công đoàn cơ sở hiện chỉ nhận 1 "
            "cuốn/số, phát hành thẳng tới cơ sở thay vì qua công đoàn cấp trên, và sớm có bản "
            "điện tử để đoàn viên, người lao động thuận tiện tiếp cận thông tin.",
        ],
        images=["Hội thảo Bản tin", "Truyền thông công đoàn"],
        tags=["Bản tin sinh hoạt CĐCS", "tuyên truyền"],
        captions=["Đoàn viên {org} đọc Bản tin sinh hoạt công đoàn cơ sở."],
    ),
    topic(
        "truyen-thong-so",
        "tuyen-truyen",
        [
            "{unit} đẩy mạnh truyền thông số trong hoạt động công đoàn",
            "Fanpage công đoàn: kênh kết nối nhanh với đoàn viên {place}",
        ],
        "Sau {n_months} tháng duy trì trang Fanpage và các nhóm Zalo, {unit_name} đã có thêm "
        "một kênh thông tin nhanh tới {n_members} đoàn viên trên địa bàn.",
        [
            "Thực hiện chỉ tiêu của Chương trình số 09/CTr-LĐLĐ, 100% công đoàn cấp trên trực "
            "tiếp cơ sở duy trì thường xuyên hoạt động trang Fanpage, {unit} đã phân công cán bộ "
            "phụ trách cập nhật tin, ảnh hằng ngày.",
            "Các bài đăng về chế độ, chính sách, lịch khám sức khỏe, chương trình ưu đãi cho "
            "đoàn viên thu hút nhiều lượt tương tác. Những sự kiện lớn được truyền trực tiếp "
            "trên trang Facebook “Công đoàn Hà Nội”.",
            "Thời gian tới, đơn vị tiếp tục chia sẻ tin, bài của Trang thông tin điện tử LĐLĐ "
            "Thành phố và hướng dẫn đoàn viên cài đặt ứng dụng “Công đoàn Hà Nội” trên điện "
            "thoại để nhận thông báo, tham gia trưng cầu ý kiến.",
        ],
        images=["Truyền thông công đoàn", "Tập huấn kỹ năng"],
        tags=["truyền thông số", "mạng xã hội", "Chương trình 09"],
        captions=["Cán bộ công đoàn {place} cập nhật tin, ảnh lên Fanpage của đơn vị."],
    ),
    topic(
        "tuyen-truyen-vien",
        "tuyen-truyen",
        [
            "Bồi dưỡng kỹ năng cho đội ngũ tuyên truyền viên, báo cáo viên {place}",
            "{unit}: mỗi công đoàn cơ sở lớn có ít nhất một tuyên truyền viên",
        ],
        "{when}, {unit_name} bồi dưỡng kiến thức, kỹ năng truyền thông cho {n_small} báo cáo "
        "viên, tuyên truyền viên tại các công đoàn cơ sở có từ 1.000 lao động trở lên.",
        [
            "Chương trình số 09/CTr-LĐLĐ đặt chỉ tiêu 100% công đoàn cấp trên trực tiếp cơ sở và "
            "công đoàn cơ sở có từ 1.000 lao động trở lên có ít nhất 01 tuyên truyền viên; 100% "
            "báo cáo viên, tuyên truyền viên được tập huấn ít nhất 1 lần/năm.",
            "Học viên được trao đổi kỹ năng nắm bắt tâm tư, nguyện vọng của người lao động, xử "
            "lý thông tin sai lệch trên mạng xã hội và định hướng dư luận trong doanh nghiệp.",
            "{unit} đề nghị các tuyên truyền viên kịp thời phản ánh những vấn đề người lao động "
            "quan tâm về tiền lương, thời giờ làm việc, bảo hiểm xã hội để công đoàn có giải "
            "pháp đại diện, bảo vệ phù hợp.",
        ],
        images=["Tập huấn kỹ năng", "Đối thoại tại nơi làm việc"],
        tags=["tuyên truyền viên", "Chương trình 09", "tập huấn"],
        captions=["Các tuyên truyền viên trao đổi kinh nghiệm tại lớp bồi dưỡng."],
    ),
    topic(
        "hoi-thi-phap-luat",
        "tuyen-truyen",
        [
            "Sôi nổi hội thi tìm hiểu Luật Công đoàn và Luật Bảo hiểm xã hội tại {place}",
            "Hơn {n_mid} đoàn viên {place} thi trực tuyến tìm hiểu pháp luật",
        ],
        "{when}, {unit_name} tổ chức chung kết hội thi tìm hiểu Luật Công đoàn và Luật Bảo hiểm "
        "xã hội năm 2024, thu hút {n_mid} đoàn viên, người lao động tham gia vòng thi trực "
        "tuyến.",
        [
            "Hội thi là hoạt động hưởng ứng cuộc thi trực tuyến “Công nhân, viên chức, lao động "
            "tìm hiểu Luật Công đoàn, Luật Bảo hiểm xã hội 2024” do Tổng LĐLĐ Việt Nam phát "
            "động, giúp người lao động nắm vững quyền, nghĩa vụ của mình.",
            "Các đội thi mang đến những tiểu phẩm sinh động về hợp đồng lao động, chế độ thai "
            "sản, lương hưu, vai trò của công đoàn cơ sở trong đối thoại với người sử dụng lao "
            "động.",
            "Ban tổ chức trao giải Nhất cho đội {org}; các giải Nhì, Ba và giải Khuyến khích "
            "được trao cho {n_teams} đội thi còn lại.",
        ],
        images=["Phổ biến pháp luật", "Tuyên dương"],
        tags=["Luật Công đoàn", "Luật Bảo hiểm xã hội", "hội thi"],
        captions=["Một tiết mục dự thi của đội {org}."],
        after=date(2025, 3, 1),
    ),
    topic(
        "doi-thoai-truc-tuyen",
        "tuyen-truyen",
        [
            "Giao lưu trực tuyến: giải đáp chính sách cho người lao động {place}",
            "Hàng trăm câu hỏi của công nhân được giải đáp tại giao lưu trực tuyến của {unit}",
        ],
        "{when}, {unit_name} phối hợp với Báo Lao động Thủ đô tổ chức buổi giao lưu trực tuyến "
        "về chính sách tiền lương, bảo hiểm xã hội với sự tham gia của các chuyên gia pháp luật.",
        [
            "Buổi giao lưu được truyền trực tiếp trên trang Facebook “Công đoàn Hà Nội”, thu hút "
            "{n_views} lượt xem. Ban tổ chức nhận được {n_questions} câu hỏi gửi trước và trong "
            "thời gian diễn ra chương trình.",
            "Nhiều câu hỏi xoay quanh điều kiện hưởng lương hưu, bảo hiểm xã hội một lần, chế độ "
            "ốm đau, thai sản và thời giờ làm thêm. Các chuyên gia trả lời cụ thể, kèm căn cứ "
            "pháp lý để người lao động tra cứu.",
            "Những câu hỏi chưa kịp trả lời trực tiếp sẽ được giải đáp trong chuyên mục “Công "
            "nhân hỏi – Công đoàn trả lời” trên trang thông tin điện tử.",
        ],
        images=["Công nhân hỏi", "Truyền thông công đoàn"],
        tags=["giao lưu trực tuyến", "Công nhân hỏi – Công đoàn trả lời", "livestream"],
        captions=["Các chuyên gia trả lời câu hỏi của người lao động."],
    ),
    # Xây dựng công đoàn cơ sở ------------------------------------------------------------
    topic(
        "phat-trien-doan-vien",
        "xay-dung",
        [
            "{unit} kết nạp {n_new} đoàn viên, thành lập {n_units} công đoàn cơ sở mới",
            "Phát triển đoàn viên ở doanh nghiệp ngoài nhà nước tại {place}",
        ],
        "Từ đầu năm {year} đến nay, {unit_name} đã kết nạp {n_new} đoàn viên và thành lập "
        "{n_units} công đoàn cơ sở mới, chủ yếu ở các doanh nghiệp ngoài nhà nước.",
        [
            "Cán bộ công đoàn cấp trên trực tiếp cơ sở chủ động đến doanh nghiệp, gặp gỡ người "
            "lao động tại nơi làm việc và khu nhà trọ để tuyên truyền về lợi ích khi gia nhập "
            "công đoàn, theo phương pháp vận động mới.",
            "Tại {cdcs}, sau khi thành lập, Ban Chấp hành lâm thời đã ra mắt, tiếp nhận {members} "
            "đoàn viên và xây dựng quy chế phối hợp với người sử dụng lao động.",
            "{unit} cho biết sẽ tiếp tục rà soát các doanh nghiệp có từ 25 lao động trở lên chưa "
            "có tổ chức công đoàn, đồng thời hỗ trợ công đoàn cơ sở mới thành lập về nghiệp vụ, "
            "tài chính.",
        ],
        images=["Kết nạp đoàn viên", "Hội nghị tổng kết"],
        tags=["phát triển đoàn viên", "thành lập CĐCS"],
        captions=["Lễ ra mắt Ban Chấp hành lâm thời {cdcs}."],
        needs="company",
    ),
    topic(
        "dai-hoi-cdcs",
        "xay-dung",
        [
            "Đại hội {cdcs} nhiệm kỳ {term}",
            "{Org} tổ chức thành công đại hội công đoàn cơ sở",
        ],
        "{when}, {cdcs} tổ chức Đại hội lần thứ {n_congress}, nhiệm kỳ {term}. Về dự có đại "
        "diện lãnh đạo {unit} và {attendance_members}.",
        [
            "Báo cáo tại đại hội cho thấy, nhiệm kỳ qua công đoàn cơ sở đã phối hợp tổ chức hội "
            "nghị người lao động hằng năm, chăm lo Tết, thăm hỏi ốm đau, phát triển đoàn viên "
            "đạt {percent}% số người lao động.",
            "Đại hội đã bầu Ban Chấp hành nhiệm kỳ mới gồm {n_exec} đồng chí, bầu đại biểu dự đại "
            "hội công đoàn cấp trên và thông qua chương trình hành động với các chỉ tiêu cụ thể.",
            "Phát biểu chỉ đạo, đại diện {unit} đề nghị Ban Chấp hành khóa mới đổi mới nội dung, "
            "phương thức hoạt động, lấy đoàn viên làm trung tâm, thực hiện tốt chức năng đại "
            "diện, bảo vệ quyền và lợi ích hợp pháp, chính đáng của người lao động.",
        ],
        images=["Hội nghị tổng kết", "Kết nạp đoàn viên"],
        tags=["đại hội công đoàn"],
        captions=["Ban Chấp hành {cdcs} nhiệm kỳ {term} ra mắt đại hội."],
    ),
    topic(
        "hoi-nghi-nld",
        "xay-dung",
        [
            "{Org} tổ chức Hội nghị người lao động năm {year}",
            "Hội nghị người lao động: người lao động {org} được nói, được lắng nghe",
        ],
        "{when}, {cdcs} phối hợp với Ban Giám đốc tổ chức Hội nghị người lao động năm {year}, "
        "với sự tham dự của {attendance_workers}.",
        [
            "Hội nghị đã đánh giá việc thực hiện kế hoạch sản xuất, kinh doanh, thỏa ước lao "
            "động tập thể năm qua; thảo luận công khai về tiền lương, thưởng, thời giờ làm việc, "
            "an toàn, vệ sinh lao động.",
            "Nhiều ý kiến của người lao động được Ban Giám đốc tiếp thu ngay tại hội nghị như "
            "tăng tiền ăn ca, bổ sung tủ thuốc, lắp thêm quạt thông gió tại phân xưởng.",
            "Đại diện {unit} đánh giá cao tinh thần dân chủ, cởi mở của hội nghị, đề nghị công "
            "đoàn cơ sở giám sát việc thực hiện các nội dung đã thống nhất.",
        ],
        images=["Đối thoại tại nơi làm việc", "Hội nghị tổng kết"],
        tags=["hội nghị người lao động", "dân chủ cơ sở"],
        captions=["Người lao động phát biểu ý kiến tại hội nghị."],
        needs="company",
    ),
    topic(
        "thoa-uoc",
        "xay-dung",
        [
            "Ký kết thỏa ước lao động tập thể tại {org}",
            "Thỏa ước lao động tập thể có nhiều điều khoản có lợi cho người lao động {org}",
        ],
        "{when}, {cdcs} và Ban Giám đốc doanh nghiệp đã ký kết thỏa ước lao động tập thể với "
        "{n_clauses} điều khoản có lợi hơn cho người lao động so với quy định của pháp luật.",
        [
            "Theo thỏa ước mới, người lao động được hưởng thưởng Tết tối thiểu một tháng lương, "
            "hỗ trợ tiền nhà trọ {money_small} đồng/tháng, tăng tiền ăn ca và được khám sức khỏe "
            "định kỳ mỗi năm một lần.",
            "Để có thỏa ước chất lượng, công đoàn cơ sở đã lấy ý kiến người lao động ở từng tổ "
            "sản xuất, tổng hợp {n_questions} ý kiến trước khi bước vào thương lượng tập thể.",
            "{unit} cho biết, năm qua LĐLĐ cấp trên đã trực tiếp đại diện cho người lao động tại "
            "các doanh nghiệp chưa có tổ chức công đoàn để thương lượng, ký thỏa ước, theo cách "
            "làm mà LĐLĐ quận Long Biên đã triển khai hiệu quả.",
        ],
        images=["Ký kết thỏa ước", "Đối thoại tại nơi làm việc"],
        tags=["thỏa ước lao động tập thể", "thương lượng tập thể"],
        captions=["Đại diện công đoàn và doanh nghiệp ký thỏa ước lao động tập thể."],
        needs="company",
    ),
    topic(
        "doi-thoai-noi-lam-viec",
        "xay-dung",
        [
            "Đối thoại tại {org}: lắng nghe để giữ chân người lao động",
            "{Org} đối thoại định kỳ với người lao động",
        ],
        "{when}, {cdcs} phối hợp với người sử dụng lao động tổ chức đối thoại định kỳ tại nơi "
        "làm việc, giải đáp trực tiếp {n_questions} ý kiến của công nhân.",
        [
            "Các ý kiến tập trung vào lịch làm thêm giờ, chất lượng bữa ăn ca, chế độ nghỉ phép "
            "năm và việc đóng bảo hiểm xã hội.",
            "Đại diện doanh nghiệp cam kết điều chỉnh lịch sản xuất để người lao động không làm "
            "thêm quá 40 giờ trong một tháng, đồng thời công khai bảng lương trên bảng tin.",
            "Đại diện {unit} đánh giá đối thoại là kênh quan trọng để phòng ngừa tranh chấp lao "
            "động, xây dựng quan hệ lao động hài hòa, ổn định và tiến bộ.",
        ],
        images=["Đối thoại tại nơi làm việc"],
        tags=["đối thoại tại nơi làm việc", "quan hệ lao động"],
        captions=["Công nhân {org} nêu ý kiến tại buổi đối thoại."],
        needs="company",
    ),
    topic(
        "giao-ban-quy",
        "xay-dung",
        [
            "{unit} giao ban công tác quý {quarter_done}, triển khai nhiệm vụ quý {quarter_next}",
        ],
        "{when}, {unit_name} tổ chức hội nghị giao ban đánh giá kết quả công tác quý "
        "{quarter_done} và triển khai nhiệm vụ trọng tâm quý {quarter_next}.",
        [
            "Trong quý {quarter_done}, các công đoàn cơ sở đã kết nạp {n_new} đoàn viên, tổ chức "
            "{n_units} hội nghị người lao động và thăm hỏi, hỗ trợ {n_gifts} đoàn viên có hoàn "
            "cảnh khó khăn.",
            "Kế hoạch công tác quý và lịch công tác tuần của Thường trực được đăng tải trên "
            "trang thông tin điện tử trước khi gửi văn bản, giúp công đoàn cơ sở chủ động sắp "
            "xếp công việc; giấy mời họp kèm dự thảo văn bản cho phép tải về trước.",
            "Hội nghị thống nhất tập trung vào công tác phát triển đoàn viên, giám sát việc thực "
            "hiện chế độ, chính sách tại doanh nghiệp và chuẩn bị các hoạt động chăm lo cho đoàn "
            "viên trong quý tới.",
        ],
        images=["Hội nghị tổng kết", "Truyền thông công đoàn"],
        tags=["giao ban", "kế hoạch công tác"],
        captions=["Quang cảnh hội nghị giao ban của {unit}."],
        months=(1, 4, 7, 10),
    ),
    topic(
        "co-so-du-lieu",
        "xay-dung",
        [
            "{unit} cập nhật cơ sở dữ liệu đoàn viên: mỗi công đoàn cơ sở một tài khoản",
            "{unit} tập huấn phần mềm quản lý đoàn viên",
        ],
        "{when}, {unit_name} tập huấn sử dụng phần mềm quản lý đoàn viên cho chủ tịch, kế toán "
        "của {n_small} công đoàn cơ sở trực thuộc.",
        [
            "Mỗi công đoàn cơ sở được cấp một tài khoản quản trị để cập nhật số đoàn viên, "
            "người lao động, biến động tăng, giảm và tình hình thu đoàn phí.",
            "Số liệu được tổng hợp tự động lên công đoàn cấp trên, giúp lãnh đạo nắm bắt nhanh, "
            "chính xác tình hình tổ chức, thay cho việc tổng hợp báo cáo giấy như trước.",
            "Với {members} đoàn viên, {cdcs} là một trong những đơn vị đầu tiên hoàn thành cập "
            "nhật dữ liệu.",
        ],
        images=["Truyền thông công đoàn", "Tập huấn kỹ năng"],
        tags=["cơ sở dữ liệu đoàn viên", "chuyển đổi số"],
        captions=["Cán bộ công đoàn cơ sở thực hành trên phần mềm quản lý đoàn viên."],
    ),
    # Chăm lo bảo vệ -----------------------------------------------------------------------
    topic(
        "chuyen-xe-tet",
        "cham-lo",
        [
            "“Chuyến xe Công đoàn” đưa {n_riders} công nhân {place} về quê đón Tết",
            "{n_buses} chuyến xe miễn phí đưa người lao động {place} về quê ăn Tết",
        ],
        "{when}, {unit_name} tổ chức {n_buses} chuyến xe ô tô miễn phí đưa {n_riders} công nhân, "
        "lao động có hoàn cảnh khó khăn về quê đón Tết Nguyên đán.",
        [
            "Các tuyến xe năm nay đi {routes}. Mỗi người lao động còn được tặng một suất quà Tết "
            "trước khi lên xe.",
            "Chị {worker}, công nhân {org}, chia sẻ: “Vé xe dịp Tết rất khó mua, nhờ có chuyến "
            "xe Công đoàn mà vợ chồng tôi yên tâm về quê sớm, đỡ được một khoản tiền đáng kể”.",
            "Chương trình “Chuyến xe Công đoàn” được các cấp công đoàn Thủ đô tổ chức từ năm "
            "2014, số xe và tuyến đi tăng dần qua từng năm để đáp ứng nhu cầu của người lao "
            "động.",
        ],
        images=["Chuyến xe Công đoàn"],
        tags=["Chuyến xe Công đoàn", "Tết sum vầy", "chăm lo Tết"],
        captions=["Công nhân lên “Chuyến xe Công đoàn” về quê đón Tết."],
        months=(12, 1, 2),
        needs="company",
    ),
    topic(
        "cho-tet",
        "cham-lo",
        [
            "{n_gifts} đoàn viên {place} được tặng phiếu mua sắm tại “Chợ Tết Công đoàn”",
            "“Chợ Tết Công đoàn” {year}: mang Tết đủ đầy đến người lao động {place}",
        ],
        "{when}, {unit_name} tổ chức “Chợ Tết Công đoàn”, tặng {n_gifts} phiếu mua sắm trị giá "
        "{money_small} đồng cho đoàn viên, người lao động có hoàn cảnh khó khăn.",
        [
            "Tại các gian hàng, đoàn viên dùng phiếu để mua thực phẩm, bánh kẹo, đồ gia dụng với "
            "giá ưu đãi do các doanh nghiệp đối tác của công đoàn cung cấp.",
            "Chương trình “Chợ Tết Công đoàn” do LĐLĐ TP Hà Nội tổ chức từ năm 2023, với 5.000 "
            "đoàn viên, người lao động được tặng phiếu mua sắm ngay năm đầu tiên.",
            "Bên cạnh phiếu mua sắm, công nhân còn được tham gia các trò chơi dân gian, viết thư "
            "pháp và nhận câu đối Tết miễn phí.",
        ],
        images=["Chợ Tết Công đoàn"],
        tags=["Chợ Tết Công đoàn", "chăm lo Tết"],
        captions=["Đoàn viên mua sắm tại “Chợ Tết Công đoàn”."],
        months=(12, 1, 2),
    ),
    topic(
        "mai-am",
        "cham-lo",
        [
            "Trao hỗ trợ “Mái ấm Công đoàn” cho đoàn viên {place}",
            "“Mái ấm Công đoàn”: niềm vui nhà mới của đoàn viên {org}",
        ],
        "{when}, {unit_name} trao {money_house} triệu đồng hỗ trợ xây mới nhà ở từ chương trình "
        "“Mái ấm Công đoàn” cho gia đình đoàn viên {org} có hoàn cảnh đặc biệt khó khăn.",
        [
            "Ngôi nhà cũ của gia đình đã xuống cấp nghiêm trọng, mỗi mùa mưa bão đều dột nát. Với "
            "khoản hỗ trợ của công đoàn cùng sự giúp đỡ của đồng nghiệp, gia đình đã có thể khởi "
            "công xây dựng nhà mới.",
            "Từ đầu năm {year}, {unit} đã hỗ trợ {n_houses} “Mái ấm Công đoàn”, mỗi nhà từ 40 đến "
            "80 triệu đồng, từ nguồn quỹ xã hội của công đoàn và sự chung tay của doanh nghiệp.",
            "Đại diện {unit} mong muốn gia đình sớm ổn định cuộc sống, tiếp tục gắn bó với đơn vị "
            "và tổ chức công đoàn.",
        ],
        images=["Trao hỗ trợ Mái ấm"],
        tags=["Mái ấm Công đoàn", "hỗ trợ nhà ở"],
        captions=["Lãnh đạo {unit} trao hỗ trợ “Mái ấm Công đoàn”."],
    ),
    topic(
        "bao-lu",
        "cham-lo",
        [
            "Hỗ trợ đoàn viên {place} bị ảnh hưởng do mưa bão",
            "{unit} chia sẻ với {n_cases} đoàn viên gặp khó khăn sau bão lũ",
        ],
        "{unit_name} đã trao {money_total} triệu đồng hỗ trợ {n_cases} đoàn viên, người lao "
        "động bị thiệt hại về nhà ở, tài sản do mưa bão.",
        [
            "Ngay sau bão, các công đoàn cơ sở đã rà soát, lập danh sách đoàn viên bị ảnh hưởng "
            "để kịp thời đề xuất hỗ trợ. Mức hỗ trợ tùy theo mức độ thiệt hại của từng gia đình.",
            "Nhiều công đoàn cơ sở còn phát động đoàn viên quyên góp, ủng hộ đồng nghiệp. Riêng "
            "{cdcs} đã vận động được {money_small} đồng.",
            "{unit} đề nghị các công đoàn cơ sở tiếp tục theo dõi, kịp thời đề xuất hỗ trợ những "
            "trường hợp phát sinh, không để đoàn viên nào bị bỏ lại phía sau.",
        ],
        images=["Hỗ trợ đoàn viên bị ảnh hưởng"],
        tags=["hỗ trợ bão lũ", "tương thân tương ái"],
        captions=["Trao hỗ trợ cho đoàn viên bị ảnh hưởng do mưa bão."],
        months=(9, 10, 11),
    ),
    topic(
        "bao-lu-2025",
        "cham-lo",
        [
            "Công đoàn Thủ đô chung tay hỗ trợ đoàn viên miền Trung khắc phục bão lũ",
        ],
        "Trước những thiệt hại nặng nề do bão số 10 (Bualoi), bão số 11 (Matmo) và lũ lụt miền "
        "Trung tháng 10/2025, các cấp công đoàn Thủ đô đã phát động đoàn viên, người lao động "
        "quyên góp, chia sẻ với đồng nghiệp vùng lũ.",
        [
            "Trên cả nước, nhiều đơn vị công đoàn đã hỗ trợ kịp thời: Ban Công đoàn Quốc phòng phê "
            "duyệt chuyển hơn 1,6 tỷ đồng hỗ trợ 1.324 trường hợp đoàn viên và người lao động bị "
            "ảnh hưởng về nhà ở, tài sản; Tổng LĐLĐ Việt Nam hỗ trợ 1 tỉ đồng giúp người lao động "
            "ở Huế khắc phục bão lũ.",
            "Tại Hà Nội, {cdcs} cùng nhiều công đoàn cơ sở đã vận động đoàn viên ủng hộ; riêng "
            "đơn vị quyên góp được {money_small} đồng.",
            "Số tiền ủng hộ được chuyển qua công đoàn cấp trên tới đoàn viên, người lao động các "
            "tỉnh miền Trung bị thiệt hại.",
        ],
        images=["Hỗ trợ đoàn viên bị ảnh hưởng"],
        tags=["hỗ trợ bão lũ", "tương thân tương ái", "miền Trung"],
        captions=["Đoàn viên công đoàn Thủ đô quyên góp ủng hộ đồng nghiệp vùng lũ."],
        months=(10, 11, 12),
        units=("HN",),
        after=date(2025, 10, 15),
        once=True,
    ),
    topic(
        "kham-suc-khoe",
        "cham-lo",
        [
            "Khám sức khỏe miễn phí cho {n_mid} công nhân lao động {place}",
            "{unit} chăm lo sức khỏe cho người lao động {org}",
        ],
        "{when}, {unit_name} phối hợp với Trung tâm Y tế tổ chức khám sức khỏe, tư vấn và cấp "
        "thuốc miễn phí cho {n_mid} công nhân lao động.",
        [
            "Người lao động được đo huyết áp, xét nghiệm đường huyết, khám nội khoa, mắt, răng "
            "hàm mặt và tư vấn dinh dưỡng, phòng bệnh nghề nghiệp.",
            "Đây là hoạt động thiết thực trong chuỗi chương trình chăm lo sức khỏe cho người lao "
            "động của các cấp công đoàn Thủ đô.",
            "Anh {worker}, công nhân {org}, cho biết: “Làm ca kíp nên ít khi có thời gian đi "
            "khám. Được khám ngay tại nơi làm việc, chúng tôi rất phấn khởi”.",
        ],
        images=["Khám sức khỏe", "Tháng Công nhân"],
        tags=["chăm lo sức khỏe", "Tháng Công nhân"],
        captions=["Bác sĩ khám sức khỏe cho công nhân {org}."],
        needs="company",
    ),
    topic(
        "nha-tro",
        "cham-lo",
        [
            "Ra mắt Tổ tự quản khu nhà trọ công nhân tại {place}",
            "Tổ tự quản khu nhà trọ ở {place}: điểm tựa của công nhân xa quê",
        ],
        "{when}, {unit_name} phối hợp với công an phường ra mắt Tổ tự quản khu nhà trọ công nhân "
        "với {n_small} phòng trọ, nơi sinh sống của {n_mid} người lao động.",
        [
            "Tổ tự quản khu nhà trọ công nhân là mô hình do LĐLĐ TP Hà Nội phối hợp với Công an "
            "TP Hà Nội triển khai, giúp bảo đảm an ninh trật tự, phòng cháy chữa cháy và chăm lo "
            "đời sống tinh thần cho công nhân.",
            "Tổ trưởng là đại diện chủ nhà trọ, các thành viên là công nhân đang thuê trọ. Tổ "
            "duy trì sinh hoạt định kỳ, kịp thời phản ánh khó khăn của người lao động tới công "
            "đoàn và chính quyền.",
            "Nhân dịp ra mắt, {unit} trao tặng tủ sách pháp luật và bình chữa cháy cho khu trọ.",
        ],
        images=["Tổ tự quản", "An toàn, vệ sinh lao động"],
        tags=["Tổ tự quản khu nhà trọ", "nhà ở công nhân"],
        captions=["Ra mắt Tổ tự quản khu nhà trọ công nhân."],
    ),
    topic(
        "thang-cong-nhan",
        "cham-lo",
        [
            "Tháng Công nhân {year}: {unit} trao {n_gifts} suất quà cho công nhân khó khăn",
            "Nhiều hoạt động hướng về người lao động {place} trong Tháng Công nhân",
        ],
        "Hưởng ứng Tháng Công nhân năm {year}, {unit_name} đã tổ chức nhiều hoạt động thiết "
        "thực, trao {n_gifts} suất quà cho công nhân có hoàn cảnh khó khăn.",
        [
            "Các hoạt động được triển khai với phương châm hướng về cơ sở, vì lợi ích đoàn viên: "
            "thăm hỏi công nhân tại nơi làm việc, khám sức khỏe miễn phí, đối thoại với người sử "
            "dụng lao động.",
            "Tại {cdcs}, công đoàn cơ sở phối hợp tổ chức “Bữa cơm Công đoàn” với thực đơn nâng "
            "cao, có lãnh đạo doanh nghiệp cùng ngồi ăn với công nhân.",
            "Tháng Công nhân gắn với Tháng hành động về an toàn, vệ sinh lao động, góp phần nâng "
            "cao ý thức phòng ngừa tai nạn lao động tại doanh nghiệp.",
        ],
        images=["Tháng Công nhân", "Bữa cơm Công đoàn"],
        tags=["Tháng Công nhân", "chăm lo đoàn viên"],
        captions=["Trao quà cho công nhân có hoàn cảnh khó khăn."],
        months=(5,),
        needs="company",
    ),
    topic(
        "atvsld",
        "cham-lo",
        [
            "{Org} hưởng ứng Tháng hành động về an toàn, vệ sinh lao động năm {year}",
            "{Org} diễn tập phòng cháy, chữa cháy và an toàn lao động",
        ],
        "{when}, {unit_name} phối hợp tổ chức lễ phát động Tháng hành động về an toàn, vệ sinh "
        "lao động năm {year} tại {org}.",
        [
            "Tại buổi lễ, người lao động được hướng dẫn kỹ năng sơ cứu, sử dụng bình chữa cháy "
            "và thoát nạn khi có sự cố tại nhà xưởng.",
            "Mạng lưới an toàn, vệ sinh viên ở các tổ sản xuất được củng cố; công đoàn cơ sở phối "
            "hợp kiểm tra, khắc phục {n_small} điểm có nguy cơ mất an toàn.",
            "{unit} đề nghị doanh nghiệp đầu tư trang bị bảo hộ lao động, cải thiện điều kiện "
            "làm việc, phòng ngừa tai nạn lao động và bệnh nghề nghiệp.",
        ],
        images=["An toàn, vệ sinh lao động"],
        tags=["an toàn vệ sinh lao động", "Tháng Công nhân"],
        captions=["Công nhân thực hành chữa cháy tại lễ phát động."],
        months=(5, 6),
        needs="company",
    ),
    topic(
        "bao-ve-quyen-loi",
        "cham-lo",
        [
            "Công đoàn giúp người lao động {org} được truy đóng bảo hiểm xã hội",
            "{unit} đại diện bảo vệ quyền lợi cho {n_small} người lao động",
        ],
        "Sau khi nhận phản ánh của người lao động, {unit_name} đã làm việc với doanh nghiệp, "
        "đề nghị đóng đủ bảo hiểm xã hội cho {n_small} công nhân.",
        [
            "Cán bộ công đoàn đã đối chiếu bảng lương, hợp đồng lao động và sổ bảo hiểm của từng "
            "người, xác định doanh nghiệp còn chậm đóng bảo hiểm xã hội trong một số tháng.",
            "Sau buổi làm việc, doanh nghiệp cam kết hoàn thành việc truy đóng và lãi chậm đóng "
            "theo quy định, bảo đảm quyền lợi cho người lao động.",
            "{unit} khuyến nghị người lao động thường xuyên tra cứu quá trình đóng bảo hiểm trên "
            "ứng dụng của cơ quan bảo hiểm xã hội và phản ánh ngay với công đoàn khi phát hiện "
            "sai sót.",
        ],
        images=["Phổ biến pháp luật", "Đối thoại tại nơi làm việc"],
        tags=["bảo vệ quyền lợi", "bảo hiểm xã hội"],
        captions=["Cán bộ công đoàn tư vấn pháp luật cho người lao động."],
        needs="company",
    ),
    # Vì lợi ích đoàn viên -----------------------------------------------------------------
    topic(
        "the-uu-dai",
        "loi-ich",
        [
            "{unit} ký kết chương trình phúc lợi đoàn viên với {n_partners} doanh nghiệp",
            "Thẻ ưu đãi đoàn viên: giảm giá từ 5% đến {discount}% tại {n_partners} điểm",
        ],
        "{when}, {unit_name} ký kết chương trình phúc lợi với {n_partners} doanh nghiệp, giúp "
        "đoàn viên công đoàn được giảm giá từ 5% đến {discount}% khi mua sắm, sử dụng dịch vụ.",
        [
            "Các doanh nghiệp đối tác gồm siêu thị, cửa hàng điện máy, nhà thuốc, phòng khám, "
            "trung tâm ngoại ngữ và cơ sở du lịch trên địa bàn.",
            "Đoàn viên chỉ cần xuất trình thẻ ưu đãi để được hưởng giảm giá. Số liệu sử dụng "
            "thẻ được các doanh nghiệp tổng hợp định kỳ gửi công đoàn.",
            "Mô hình thẻ ưu đãi được LĐLĐ quận Long Biên triển khai đầu tiên trong Thành phố từ "
            "năm 2017: với 19 doanh nghiệp đối tác, đã có trên 12.000 lượt đoàn viên sử dụng "
            "thẻ, năm 2017 đoàn viên được hưởng lợi trên 60 triệu đồng.",
        ],
        images=["Thẻ ưu đãi", "Ký kết thỏa ước"],
        tags=["thẻ ưu đãi", "phúc lợi đoàn viên"],
        captions=["Ký kết chương trình phúc lợi cho đoàn viên."],
    ),
    topic(
        "bua-com",
        "loi-ich",
        [
            "“Bữa cơm Công đoàn” ấm áp tại {org}",
            "“Bữa cơm Công đoàn”: lãnh đạo {org} cùng ăn với công nhân",
        ],
        "{when}, {cdcs} tổ chức “Bữa cơm Công đoàn” cho {workers} người lao động, với suất ăn "
        "được nâng cao và sự tham dự của lãnh đạo {unit}.",
        [
            "Bữa cơm có thêm món mặn, hoa quả tráng miệng, kinh phí do công đoàn cấp trên và "
            "công đoàn cơ sở cùng hỗ trợ. Ban Giám đốc, Ban Chấp hành công đoàn cùng ngồi ăn, "
            "trò chuyện với công nhân.",
            "Qua bữa cơm, nhiều tâm tư về chất lượng bữa ăn ca, thời giờ làm việc được người "
            "lao động chia sẻ cởi mở, công đoàn ghi nhận để kiến nghị với doanh nghiệp.",
            "“Bữa cơm Công đoàn” do Tổng LĐLĐ Việt Nam phát động, được các cấp công đoàn triển "
            "khai sâu rộng, hướng tới đoàn viên, người lao động trực tiếp sản xuất trong các "
            "doanh nghiệp.",
        ],
        images=["Bữa cơm Công đoàn"],
        tags=["Bữa cơm Công đoàn", "bữa ăn ca"],
        captions=["Công nhân {org} dùng “Bữa cơm Công đoàn”."],
        needs="company",
    ),
    topic(
        "bua-com-2025",
        "loi-ich",
        [
            "Hơn 2 triệu đoàn viên cùng chung mâm “cơm Công đoàn”",
            "Kết quả chương trình “Bữa cơm Công đoàn” năm 2025",
        ],
        "“Bữa cơm Công đoàn” năm 2025 được các cấp công đoàn triển khai sâu rộng, thực chất "
        "hơn, hướng tới đoàn viên, người lao động trực tiếp sản xuất, kinh doanh trong các "
        "doanh nghiệp.",
        [
            "Chương trình được tổ chức đồng loạt trên toàn quốc, với hơn 2 triệu đoàn viên, "
            "người lao động tham gia. Tổng số tiền chi cho hoạt động này lên tới hơn 148,7 tỷ "
            "đồng.",
            "Tại Hà Nội, {cdcs} là một trong những đơn vị tổ chức bữa cơm với sự tham gia của "
            "{workers} người lao động.",
            "Nhiều địa phương, ngành lọt vào nhóm 10 đơn vị chi mạnh tay nhất cho “Bữa cơm Công "
            "đoàn” năm 2025, thể hiện sự quan tâm thiết thực đến đời sống đoàn viên.",
        ],
        images=["Bữa cơm Công đoàn"],
        tags=["Bữa cơm Công đoàn"],
        captions=["“Bữa cơm Công đoàn” năm 2025."],
        needs="company",
        units=("HN",),
        after=date(2025, 11, 20),
        once=True,
    ),
    topic(
        "van-hoa",
        "loi-ich",
        [
            "Sôi nổi liên hoan “Giờ thứ 9” trong CNVCLĐ {place}",
            "Lan tỏa “Nét đẹp văn hóa công sở” trong CNVCLĐ {place}",
            "Hội thao công nhân, viên chức, lao động {place} năm {year}",
        ],
        "{when}, {unit_name} tổ chức chương trình văn hóa, thể thao với sự tham gia của {n_mid} "
        "đoàn viên đến từ {n_small} công đoàn cơ sở.",
        [
            "Các tiết mục văn nghệ, thi đấu thể thao được chuẩn bị công phu ngoài giờ làm việc, "
            "thể hiện tinh thần đoàn kết, gắn bó của người lao động.",
            "Đội {org} giành giải Nhất toàn đoàn; các giải cá nhân được trao cho những vận động "
            "viên, diễn viên xuất sắc.",
            "Hoạt động góp phần thực hiện Chương trình số 09/CTr-LĐLĐ về nâng cao đời sống văn "
            "hóa tinh thần cho cán bộ, đoàn viên, người lao động Thủ đô.",
        ],
        images=["Văn hóa công sở", "Hội thao"],
        tags=["văn hóa thể thao", "Chương trình 09"],
        captions=["Tiết mục biểu diễn của đội {org}."],
    ),
    topic(
        "hoc-bong",
        "loi-ich",
        [
            "Trao {n_gifts} suất quà, học bổng cho con đoàn viên {place}",
            "Tiếp sức đến trường cho con đoàn viên {place} năm học {year} – {year_next}",
        ],
        "{when}, {unit_name} trao {n_gifts} suất quà, học bổng cho con đoàn viên có hoàn cảnh "
        "khó khăn, đạt thành tích cao trong học tập.",
        [
            "Mỗi suất học bổng trị giá {money_small} đồng, kèm sách vở, đồ dùng học tập. Nguồn "
            "kinh phí do công đoàn các cấp và các doanh nghiệp đối tác hỗ trợ.",
            "Nhiều em là con của công nhân {org}, bố mẹ làm ca kíp nhưng vẫn nỗ lực học tốt.",
            "{unit} cho biết sẽ tiếp tục duy trì chương trình hằng năm, vận động thêm nguồn lực "
            "xã hội hóa để hỗ trợ con đoàn viên.",
        ],
        images=["Tuyên dương", "Nữ công"],
        tags=["học bổng", "con đoàn viên"],
        captions=["Trao học bổng cho con đoàn viên."],
        months=(6, 7, 8, 9),
    ),
    # Nữ công ---------------------------------------------------------------------------
    topic(
        "ngay-8-3",
        "nu-cong",
        [
            "{unit} tọa đàm kỷ niệm Ngày Quốc tế Phụ nữ 8/3",
            "Tôn vinh nữ đoàn viên tiêu biểu {place} nhân Ngày 8/3",
        ],
        "{when}, {unit_name} tổ chức tọa đàm kỷ niệm Ngày Quốc tế Phụ nữ 8/3, biểu dương "
        "{n_small} nữ đoàn viên tiêu biểu trong phong trào “Giỏi việc nước, đảm việc nhà”.",
        [
            "Lao động nữ chiếm tỷ lệ lớn trong các công đoàn cơ sở khối trường học, y tế và "
            "doanh nghiệp may mặc, điện tử trên địa bàn.",
            "Tại tọa đàm, các đại biểu chia sẻ kinh nghiệm cân bằng công việc và gia đình, "
            "chăm sóc sức khỏe sinh sản, nuôi dạy con.",
            "Chị {worker}, {org}, được tuyên dương vì có nhiều sáng kiến trong công việc và "
            "tích cực tham gia hoạt động công đoàn.",
        ],
        images=["Nữ công", "Tuyên dương"],
        tags=["Ngày Quốc tế Phụ nữ", "nữ công"],
        captions=["Nữ đoàn viên tiêu biểu nhận khen thưởng."],
        months=(3,),
    ),
    topic(
        "ngay-20-10",
        "nu-cong",
        [
            "{unit} biểu dương nữ cán bộ công đoàn nhân Ngày Phụ nữ Việt Nam 20/10",
            "{unit}: Luôn coi trọng vai trò của lao động nữ",
        ],
        "{when}, nhân kỷ niệm Ngày Phụ nữ Việt Nam 20/10, {unit_name} gặp mặt, biểu dương "
        "{n_small} nữ cán bộ công đoàn, nữ đoàn viên tiêu biểu.",
        [
            "Ban Nữ công của công đoàn các cấp đã tham gia thương lượng để thỏa ước lao động tập "
            "thể có thêm các điều khoản về lao động nữ như hỗ trợ tiền gửi trẻ, thời gian nghỉ "
            "trong kỳ kinh nguyệt, khám phụ khoa định kỳ.",
            "Nhiều mô hình hay được chia sẻ như phòng vắt trữ sữa tại doanh nghiệp, tủ sách "
            "gia đình, câu lạc bộ nữ công.",
            "Đại diện {unit} đề nghị các công đoàn cơ sở tiếp tục quan tâm, tạo điều kiện để lao "
            "động nữ phát huy năng lực, tham gia ban chấp hành công đoàn.",
        ],
        images=["Nữ công"],
        tags=["Ngày Phụ nữ Việt Nam", "lao động nữ"],
        captions=["Biểu dương nữ cán bộ công đoàn tiêu biểu."],
        months=(10,),
    ),
    topic(
        "giam-sat-nu-cong",
        "nu-cong",
        [
            "Giám sát chuyên đề công tác nữ công tại {unit}",
            "Nâng cao chất lượng hoạt động nữ công tại {org}",
        ],
        "{when}, đoàn giám sát của Ban Nữ công LĐLĐ thành phố Hà Nội làm việc với {unit_name} "
        "về việc thực hiện chính sách đối với lao động nữ.",
        [
            "Đoàn đã kiểm tra việc thực hiện chế độ thai sản, khám sức khỏe định kỳ, bố trí "
            "công việc phù hợp cho lao động nữ mang thai và nuôi con nhỏ.",
            "Tại {cdcs}, đơn vị đã xây dựng phòng vắt trữ sữa và tổ chức khám phụ khoa miễn phí "
            "cho nữ công nhân.",
            "Đoàn giám sát đề nghị đưa các nội dung về bình đẳng giới vào hội nghị người lao "
            "động và thỏa ước lao động tập thể.",
        ],
        images=["Nữ công", "Đối thoại tại nơi làm việc"],
        tags=["nữ công", "giám sát", "bình đẳng giới"],
        captions=["Đoàn giám sát làm việc với công đoàn cơ sở."],
        needs="company",
    ),
    topic(
        "thieu-nhi",
        "nu-cong",
        [
            "Vui Tết Thiếu nhi cùng con đoàn viên {place}",
            "Ngày hội thiếu nhi cho con công nhân {org}",
        ],
        "{when}, {unit_name} tổ chức ngày hội vui Tết Thiếu nhi 1/6 cho {n_mid} cháu là con "
        "đoàn viên, người lao động.",
        [
            "Các cháu được tham gia trò chơi dân gian, xem biểu diễn ảo thuật, vẽ tranh và nhận "
            "quà. Những cháu có thành tích học tập tốt được khen thưởng.",
            "Nhiều phụ huynh là công nhân {org} cho biết, ngày hội giúp con có thêm niềm vui khi "
            "bố mẹ phải làm việc cả ngày.",
            "Hoạt động do Ban Nữ công phối hợp thực hiện, góp phần chăm lo cho gia đình đoàn viên.",
        ],
        images=["Nữ công", "Hội thao"],
        tags=["Tết Thiếu nhi", "con đoàn viên"],
        captions=["Các cháu thiếu nhi vui chơi tại ngày hội."],
        months=(5, 6),
    ),
    # Thi đua khen thưởng --------------------------------------------------------------------
    topic(
        "phat-dong-thi-dua",
        "thi-dua",
        [
            "{unit} phát động thi đua lao động giỏi, lao động sáng tạo năm {year}",
            "Phát động thi đua trong công nhân, viên chức, lao động {place}",
        ],
        "{when}, {unit_name} phát động phong trào thi đua “Lao động giỏi, lao động sáng tạo” năm "
        "{year} trong công nhân, viên chức, lao động.",
        [
            "Phong trào hướng tới mục tiêu nâng cao năng suất, chất lượng, hiệu quả công việc, "
            "khuyến khích người lao động phát huy sáng kiến, cải tiến kỹ thuật.",
            "Các công đoàn cơ sở đăng ký chỉ tiêu thi đua cụ thể; {cdcs} đăng ký {n_small} sáng "
            "kiến ngay tại buổi phát động.",
            "{unit} sẽ sơ kết phong trào giữa năm và tổng kết, khen thưởng vào dịp cuối năm.",
        ],
        images=["Tháng Công nhân", "Tuyên dương"],
        tags=["phong trào thi đua", "lao động sáng tạo"],
        captions=["Các đơn vị ký giao ước thi đua."],
    ),
    topic(
        "sang-kien",
        "thi-dua",
        [
            "Tôn vinh {n_small} sáng kiến, cải tiến kỹ thuật của người lao động {place}",
            "Sáng kiến của công nhân {org} làm lợi {money_total} triệu đồng",
        ],
        "{when}, {unit_name} tuyên dương {n_small} sáng kiến, cải tiến kỹ thuật tiêu biểu, làm "
        "lợi ước tính {money_total} triệu đồng.",
        [
            "Nhiều sáng kiến xuất phát từ chính dây chuyền sản xuất như cải tiến đồ gá, thay "
            "đổi quy trình kiểm tra chất lượng, tiết kiệm điện năng.",
            "Anh {worker}, công nhân {org}, tác giả sáng kiến cải tiến băng tải, chia sẻ: “Làm "
            "việc hằng ngày với máy móc nên tôi thấy chỗ nào bất tiện là nghĩ cách sửa”.",
            "Các tác giả sáng kiến được khen thưởng và giới thiệu tham gia các giải thưởng của "
            "Thành phố.",
        ],
        images=["Tuyên dương", "Tháng Công nhân"],
        tags=["sáng kiến", "cải tiến kỹ thuật"],
        captions=["Trao thưởng cho các tác giả sáng kiến."],
        needs="company",
    ),
    topic(
        "cum-thi-dua",
        "thi-dua",
        [
            "Cụm thi đua số {n_cluster} LĐLĐ thành phố Hà Nội ký kết giao ước thi đua năm {year}",
            "Cụm thi đua số {n_cluster}: làm tốt công tác đại diện, bảo vệ người lao động",
        ],
        "{when}, Cụm thi đua số {n_cluster} LĐLĐ thành phố Hà Nội do {unit_name} làm cụm trưởng "
        "tổ chức hội nghị ký kết giao ước thi đua năm {year}.",
        [
            "Các đơn vị trong cụm thống nhất những chỉ tiêu thi đua trọng tâm: phát triển đoàn "
            "viên, thành lập công đoàn cơ sở, thương lượng ký kết thỏa ước lao động tập thể, "
            "chăm lo đời sống đoàn viên.",
            "Hội nghị cũng trao đổi kinh nghiệm tổ chức “Chuyến xe Công đoàn”, “Chợ Tết Công "
            "đoàn” và phát hành thẻ ưu đãi cho đoàn viên.",
            "Cuối năm, cụm sẽ chấm điểm, bình xét và đề nghị LĐLĐ Thành phố khen thưởng các đơn "
            "vị dẫn đầu.",
        ],
        images=["Ký kết thỏa ước", "Hội nghị tổng kết"],
        tags=["cụm thi đua", "giao ước thi đua"],
        captions=["Đại diện các đơn vị ký giao ước thi đua."],
        months=(1, 2, 3),
    ),
    topic(
        "tong-ket-khen-thuong",
        "thi-dua",
        [
            "{unit} khen thưởng {n_collectives} tập thể, {n_people} cá nhân tiêu biểu",
            "Tổng kết phong trào công nhân, viên chức, lao động {place} năm {prev_year}",
        ],
        "{when}, {unit_name} tổng kết phong trào công nhân, viên chức, lao động và hoạt động "
        "công đoàn năm {prev_year}, khen thưởng {n_collectives} tập thể, {n_people} cá nhân.",
        [
            "Năm {prev_year}, các công đoàn cơ sở đã kết nạp {n_new} đoàn viên, tổ chức hội nghị "
            "người lao động tại {percent}% doanh nghiệp có tổ chức công đoàn.",
            "Công tác chăm lo được triển khai thiết thực với “Chuyến xe Công đoàn”, “Chợ Tết "
            "Công đoàn”, “Mái ấm Công đoàn” và chương trình thẻ ưu đãi cho đoàn viên.",
            "{cdcs} được đánh giá là công đoàn cơ sở vững mạnh tiêu biểu, đề nghị LĐLĐ Thành "
            "phố tặng Bằng khen.",
        ],
        images=["Tuyên dương", "Hội nghị tổng kết"],
        tags=["tổng kết năm", "khen thưởng"],
        captions=["Khen thưởng các tập thể, cá nhân tiêu biểu."],
        months=(12, 1),
    ),
    topic(
        "hoi-thi-cntt",
        "thi-dua",
        [
            "Hội thi “Ứng dụng công nghệ thông tin trong hoạt động công đoàn” tại {place}",
            "Cán bộ công đoàn {place} thi tài ứng dụng công nghệ thông tin",
        ],
        "{when}, {unit_name} tổ chức Hội thi “Ứng dụng công nghệ thông tin trong hoạt động công "
        "đoàn” với {n_small} thí sinh là cán bộ công đoàn chuyên trách và cơ sở.",
        [
            "Thí sinh thi xử lý văn bản, lập bảng tính quản lý đoàn viên, thiết kế bản tin và "
            "đăng tin lên trang thông tin điện tử.",
            "Hội thi được tổ chức theo kinh nghiệm của hội thi cấp Thành phố năm 2015, khi 95 "
            "thí sinh đến từ 54 công đoàn cấp trên trực tiếp cơ sở tham gia.",
            "Thí sinh đến từ {cdcs} giành giải Nhất.",
        ],
        images=["Truyền thông công đoàn", "Tuyên dương"],
        tags=["ứng dụng CNTT", "hội thi"],
        captions=["Thí sinh tham gia phần thi thực hành."],
    ),
    # Đối ngoại -------------------------------------------------------------------------------
    topic(
        "doan-vao",
        "doi-ngoai",
        [
            "Đoàn đại biểu {partner} thăm và làm việc với LĐLĐ thành phố Hà Nội",
            "LĐLĐ thành phố Hà Nội tiếp đoàn {partner}",
        ],
        "{when}, đoàn đại biểu {partner} đã đến thăm và làm việc với Liên đoàn Lao động thành "
        "phố Hà Nội, trong chuyến công tác theo lời mời của LĐLĐ Thành phố.",
        [
            "Tại buổi làm việc, hai bên đã thông tin về tình hình công nhân, lao động và hoạt "
            "động công đoàn của mỗi bên; trao đổi kinh nghiệm thương lượng tập thể, chăm lo "
            "phúc lợi và truyền thông công đoàn trên nền tảng số.",
            "Đoàn đã đến thăm {cdcs}, tìm hiểu mô hình “Bữa cơm Công đoàn” và thẻ ưu đãi cho "
            "đoàn viên.",
            "Hai bên thống nhất tiếp tục duy trì trao đổi đoàn, chia sẻ thông tin, góp phần "
            "vun đắp quan hệ hữu nghị giữa tổ chức công đoàn và nhân dân hai nước.",
        ],
        images=["Đoàn đại biểu"],
        tags=["đối ngoại", "hợp tác quốc tế"],
        captions=["Lãnh đạo LĐLĐ thành phố Hà Nội tiếp đoàn {partner}."],
        units=("HN",),
        needs="company",
    ),
    topic(
        "doan-ra",
        "doi-ngoai",
        [
            "Đoàn công tác LĐLĐ thành phố Hà Nội làm việc với {partner}",
        ],
        "{when}, đoàn công tác Liên đoàn Lao động thành phố Hà Nội đã có buổi làm việc với "
        "{partner}, trao đổi kinh nghiệm tổ chức hoạt động công đoàn.",
        [
            "Đoàn đã tìm hiểu cách thức công đoàn bạn đại diện, thương lượng với người sử dụng "
            "lao động, tổ chức dịch vụ phúc lợi cho đoàn viên.",
            "Hai bên trao đổi về ứng dụng công nghệ thông tin trong quản lý đoàn viên và truyền "
            "thông công đoàn.",
            "Kết thúc chuyến công tác, đoàn sẽ báo cáo Ban Thường vụ LĐLĐ Thành phố những kinh "
            "nghiệm có thể vận dụng trong hoạt động của Công đoàn Thủ đô.",
        ],
        images=["Đoàn đại biểu"],
        tags=["đối ngoại", "trao đổi kinh nghiệm"],
        captions=["Đoàn công tác LĐLĐ thành phố Hà Nội làm việc với {partner}."],
        units=("HN",),
    ),
    topic(
        "fdi",
        "doi-ngoai",
        [
            "Đối thoại với doanh nghiệp có vốn đầu tư nước ngoài về điều kiện làm việc năm {year}",
        ],
        "{when}, {unit_name} tổ chức hội nghị đối thoại với đại diện các doanh nghiệp có vốn đầu "
        "tư nước ngoài về điều kiện làm việc, nhà ở và bữa ăn ca của công nhân.",
        [
            "Đại diện {org} chia sẻ kinh nghiệm phối hợp với công đoàn cơ sở trong tổ chức hội "
            "nghị người lao động và xây dựng thỏa ước lao động tập thể.",
            "Các doanh nghiệp đề nghị công đoàn hỗ trợ tuyên truyền pháp luật lao động Việt Nam "
            "cho cán bộ quản lý người nước ngoài.",
            "{unit} cam kết đồng hành cùng doanh nghiệp, xây dựng quan hệ lao động hài hòa, ổn "
            "định, tiến bộ.",
        ],
        images=["Đối thoại tại nơi làm việc", "Đoàn đại biểu"],
        tags=["doanh nghiệp FDI", "quan hệ lao động"],
        captions=["Quang cảnh hội nghị đối thoại."],
        units=("HN-KCN",),
        needs="fdi",
    ),
    # Chính sách pháp luật ----------------------------------------------------------------------
    topic(
        "hoi-dap",
        "chinh-sach",
        ["Công nhân hỏi – Công đoàn trả lời: {question}"],
        "Bạn đọc {worker}, công nhân {org}, hỏi: {question} Ban Chính sách pháp luật LĐLĐ "
        "thành phố Hà Nội trả lời như sau.",
        [
            "{answer}",
            "Người lao động cần tư vấn thêm có thể liên hệ công đoàn cơ sở, công đoàn cấp trên "
            "trực tiếp hoặc gửi câu hỏi vào chuyên mục “Công nhân hỏi – Công đoàn trả lời” trên "
            "trang thông tin điện tử.",
        ],
        images=["Công nhân hỏi", "Phổ biến pháp luật", "Đối thoại tại nơi làm việc"],
        tags=["Công nhân hỏi – Công đoàn trả lời", "tư vấn pháp luật"],
        captions=["Cán bộ công đoàn tư vấn pháp luật cho người lao động."],
        needs="company",
    ),
    topic(
        "pho-bien-phap-luat",
        "chinh-sach",
        [
            "Phổ biến pháp luật lao động cho công nhân {org}",
            "Đưa pháp luật đến với công nhân {place}",
        ],
        "{when}, {unit_name} phối hợp với {cdcs} tổ chức buổi tuyên truyền, phổ biến pháp luật "
        "lao động cho {workers} công nhân, người lao động của doanh nghiệp.",
        [
            "Báo cáo viên giới thiệu những điểm mới của Luật Công đoàn năm 2024 và Luật Bảo hiểm "
            "xã hội năm 2024, có hiệu lực từ ngày 01/7/2025.",
            "Người lao động được giải đáp về hợp đồng lao động, thời giờ làm thêm, nghỉ phép "
            "năm và quyền gia nhập, hoạt động công đoàn.",
            "Tài liệu hỏi – đáp pháp luật và Bản tin sinh hoạt công đoàn cơ sở được phát tới các "
            "tổ sản xuất.",
        ],
        images=["Phổ biến pháp luật", "Công nhân hỏi", "Tháng Công nhân"],
        tags=["phổ biến pháp luật", "Luật Công đoàn 2024"],
        captions=["Công nhân {org} nghe phổ biến pháp luật."],
        needs="company",
        after=date(2024, 12, 1),
    ),
    topic(
        "luat-bhxh",
        "chinh-sach",
        [
            "Luật Bảo hiểm xã hội 2024: đóng đủ 15 năm được hưởng lương hưu",
            "Những điểm mới của Luật Bảo hiểm xã hội năm 2024 người lao động cần biết",
        ],
        "Luật Bảo hiểm xã hội năm 2024 có hiệu lực từ ngày 01/7/2025, với nhiều điểm mới có "
        "lợi cho người lao động, trong đó thời gian đóng tối thiểu để hưởng lương hưu giảm từ 20 "
        "năm xuống 15 năm.",
        [
            "Quy định mới tạo cơ hội cho những người tham gia bảo hiểm xã hội muộn, hoặc có thời "
            "gian gián đoạn, vẫn được hưởng lương hưu khi đủ tuổi.",
            "Người lao động nên cân nhắc kỹ trước khi nhận bảo hiểm xã hội một lần, vì bảo lưu "
            "thời gian đóng sẽ giúp bảo đảm thu nhập khi về già.",
            "Các cấp công đoàn Thủ đô đang đẩy mạnh tuyên truyền, giải đáp về luật mới qua Bản "
            "tin sinh hoạt công đoàn cơ sở, Fanpage và các buổi giao lưu trực tuyến.",
        ],
        images=["Phổ biến pháp luật", "Công nhân hỏi", "Hội nghị tổng kết"],
        tags=["Luật Bảo hiểm xã hội 2024", "lương hưu"],
        captions=["Tuyên truyền Luật Bảo hiểm xã hội tại doanh nghiệp."],
        units=("HN",),
        after=date(2024, 7, 1),
        once=True,
    ),
    topic(
        "huong-dan",
        "chinh-sach",
        [
            "LĐLĐ Thành phố hướng dẫn tổ chức Hội nghị người lao động năm {year}",
            "Hướng dẫn chăm lo Tết cho đoàn viên, người lao động năm {year}",
        ],
        "LĐLĐ thành phố Hà Nội vừa ban hành văn bản hướng dẫn các công đoàn cấp trên trực tiếp "
        "cơ sở và công đoàn cơ sở triển khai nhiệm vụ năm {year}.",
        [
            "Văn bản được đăng tải trên trang thông tin điện tử trước khi gửi qua đường công văn, "
            "giúp các đơn vị chủ động triển khai, rút ngắn thời gian và tiết kiệm chi phí hành "
            "chính.",
            "Các công đoàn cấp trên trực tiếp cơ sở tổng hợp kết quả, báo cáo về LĐLĐ Thành phố "
            "theo đúng thời hạn; số liệu cập nhật trên phần mềm quản lý đoàn viên.",
            "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Ban Chính sách "
            "pháp luật và Văn phòng LĐLĐ Thành phố để được hướng dẫn.",
        ],
        images=["Phổ biến pháp luật", "Hội nghị tổng kết", "Truyền thông công đoàn"],
        tags=["văn bản chỉ đạo", "hướng dẫn"],
        captions=["Văn bản hướng dẫn của LĐLĐ thành phố Hà Nội."],
        units=("HN",),
    ),
]

TOPIC_BY_KEY = {item["key"]: item for item in TOPICS}

QUESTIONS = [
    (
        "Tôi làm việc đủ 12 tháng thì được nghỉ hằng năm bao nhiêu ngày?",
        "Theo Bộ luật Lao động năm 2019, người lao động làm việc đủ 12 tháng cho một người sử "
        "dụng lao động được nghỉ hằng năm, hưởng nguyên lương 12 ngày làm việc đối với người làm "
        "công việc trong điều kiện bình thường; số ngày nghỉ tăng thêm theo thâm niên, cứ đủ 05 "
        "năm làm việc được tăng thêm 01 ngày.",
    ),
    (
        "Doanh nghiệp được yêu cầu công nhân làm thêm tối đa bao nhiêu giờ?",
        "Theo Bộ luật Lao động năm 2019, người sử dụng lao động phải được sự đồng ý của người "
        "lao động; số giờ làm thêm không quá 50% số giờ làm việc bình thường trong một ngày, "
        "không quá 40 giờ trong một tháng và không quá 200 giờ trong một năm, trừ một số ngành, "
        "nghề được làm thêm đến 300 giờ trong một năm.",
    ),
    (
        "Tiền lương làm thêm giờ vào ngày nghỉ hằng tuần được tính thế nào?",
        "Người lao động làm thêm giờ được trả lương ít nhất bằng 150% vào ngày thường, 200% vào "
        "ngày nghỉ hằng tuần và 300% vào ngày nghỉ lễ, tết, ngày nghỉ có hưởng lương, chưa kể "
        "tiền lương của ngày lễ, tết đối với người lao động hưởng lương theo ngày.",
    ),
    (
        "Lao động nữ sinh con được nghỉ thai sản bao lâu?",
        "Lao động nữ được nghỉ thai sản trước và sau khi sinh con là 06 tháng; trường hợp sinh "
        "đôi trở lên thì tính từ con thứ hai trở đi, cứ mỗi con được nghỉ thêm 01 tháng. Thời "
        "gian nghỉ trước khi sinh không quá 02 tháng.",
    ),
    (
        "Đoàn viên công đoàn đóng đoàn phí bao nhiêu?",
        "Theo Điều lệ Công đoàn Việt Nam, đoàn viên đóng đoàn phí bằng 1% tiền lương làm căn cứ "
        "đóng bảo hiểm xã hội; mức đóng tối đa bằng 10% mức lương cơ sở. Đoàn phí được sử dụng "
        "cho hoạt động của công đoàn cơ sở, trong đó có thăm hỏi, chăm lo cho đoàn viên.",
    ),
    (
        "Công ty chậm đóng bảo hiểm xã hội thì tôi phải làm gì?",
        "Người lao động có thể tra cứu quá trình đóng bảo hiểm xã hội trên ứng dụng của cơ quan "
        "bảo hiểm xã hội. Khi phát hiện doanh nghiệp chậm đóng, hãy phản ánh với công đoàn cơ sở "
        "hoặc công đoàn cấp trên trực tiếp; công đoàn có quyền đại diện người lao động yêu cầu "
        "doanh nghiệp đóng đủ, đúng hạn và khởi kiện khi cần thiết.",
    ),
]

PARTNERS = [
    "Liên hiệp Công đoàn thành phố Seoul (Hàn Quốc)",
    "Liên hiệp Công đoàn Thủ đô Viêng Chăn (Lào)",
    "Tổng Công hội thành phố Bắc Kinh (Trung Quốc)",
    "Liên đoàn Công đoàn thành phố Moskva (Liên bang Nga)",
    "Công đoàn thành phố Phnôm Pênh (Campuchia)",
    "Tổ chức Lao động Quốc tế (ILO) tại Việt Nam",
]

ROUTES = [
    "Thanh Hóa, Nghệ An, Hà Tĩnh",
    "Nam Định, Thái Bình, Ninh Bình",
    "Phú Thọ, Yên Bái, Lào Cai",
    "Quảng Bình, Quảng Trị, Huế",
    "Bắc Giang, Lạng Sơn, Cao Bằng",
    "Tuyên Quang, Hà Giang",
]

REPORTERS = [
    "NGỌC ÁNH",
    "MINH HẠNH",
    "THU HƯƠNG",
    "HOÀNG LONG",
    "PHƯƠNG NGÂN",
    "BẢO ANH",
    "QUỲNH CHI",
    "ĐỨC MẠNH",
    "THANH TÙNG",
    "HẢI YẾN",
    "KHÁNH LINH",
    "VIỆT HÀ",
    "TRUNG KIÊN",
    "MAI ANH",
    "LAN PHƯƠNG",
    "QUANG HUY",
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
WOMEN_NAMES = ["Thị Hoa", "Thị Lan", "Thu Trang", "Thị Hằng", "Minh Thu", "Thị Mai", "Ngọc Anh"]
MEN_NAMES = ["Văn Hùng", "Đức Thắng", "Văn Nam", "Minh Tuấn", "Quốc Bảo", "Văn Sơn", "Hữu Nghĩa"]

CLOSINGS = [
    "Ban Biên tập trân trọng cảm ơn cộng tác viên đã gửi tin, ảnh kịp thời về trang thông tin "
    "điện tử.",
    "Tin, bài, ảnh về hoạt động công đoàn xin gửi về Ban Biên tập ngay trong ngày diễn ra sự "
    "kiện để bảo đảm tính thời sự.",
]

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
BODY_CAPTIONS = [
    "Các đại biểu, đoàn viên tham dự chương trình.",
    "Quang cảnh buổi làm việc.",
    "Đại diện công đoàn cấp trên phát biểu tại chương trình.",
]

# --------------------------------------------------------------------------------------------
# Generating news.


class UnitInfo:
    """What the generator needs of a unit: names, a place phrase and its grassroots unions
    as (name, kind code, members, workers)."""

    def __init__(self, code, name, short_name, grassroots=()):
        self.code = code
        self.name = name
        self.short_name = short_name or name
        self.grassroots = list(grassroots)
        self._by_kind = {}
        if code == "HN":
            self.label, self.place = "LĐLĐ thành phố Hà Nội", "Thủ đô"
        elif code == "TLD":
            self.label, self.place = "Tổng LĐLĐ Việt Nam", "cả nước"
        elif self.short_name.startswith("LĐLĐ "):
            self.label, self.place = self.short_name, self.short_name.removeprefix("LĐLĐ ")
        elif name.startswith("Công đoàn ngành "):
            self.label, self.place = name, name.removeprefix("Công đoàn ")
        elif code == "HN-KCN":
            self.label = "Công đoàn các KCN&CX Hà Nội"
            self.place = "các khu công nghiệp và chế xuất Hà Nội"
        else:
            self.label = name
            rest = name.removeprefix("Công đoàn ")
            self.place = "khối " + rest[:1].lower() + rest[1:]

    def pool(self, needs=None):
        if needs not in self._by_kind:
            kinds = {"company": ("private", "soe", "fdi"), "fdi": ("fdi",)}.get(needs)
            self._by_kind[needs] = [g for g in self.grassroots if kinds is None or g[1] in kinds]
        return self._by_kind[needs]

    def pick(self, rng, needs=None):
        pool = self.pool(needs)
        return rng.choice(pool) if pool else None


def _workplace(cdcs_name):
    org = cdcs_name.removeprefix("Công đoàn ").strip()
    return org, org[:1].upper() + org[1:]


def _person(rng, woman=None):
    woman = rng.random() < 0.6 if woman is None else woman
    given = rng.choice(WOMEN_NAMES if woman else MEN_NAMES)
    return f"{rng.choice(FAMILY_NAMES)} {given}"


def _thousands(rng, low, high, step=1):
    return format_number(rng.randint(low, high) * step)


# Numbers and names a template may ask for, drawn only when it does (100.000 articles ask for
# a few each, not for all of them).
LAZY_FACTS = {
    "n_small": lambda rng: rng.randint(12, 80),
    "n_mid": lambda rng: _thousands(rng, 12, 60, 10),
    "n_new": lambda rng: _thousands(rng, 8, 90, 10),
    "n_units": lambda rng: rng.randint(3, 25),
    "n_members": lambda rng: format_number(rng.randint(3000, 25999)),
    "n_months": lambda rng: rng.randint(6, 30),
    "n_gifts": lambda rng: _thousands(rng, 10, 120, 10),
    "n_cases": lambda rng: format_number(rng.randint(15, 400)),
    "n_riders": lambda rng: _thousands(rng, 6, 60, 10),
    "n_buses": lambda rng: rng.randint(3, 20),
    "n_houses": lambda rng: rng.randint(2, 12),
    "n_partners": lambda rng: rng.randint(8, 25),
    "n_views": lambda rng: _thousands(rng, 5, 80, 1000),
    "n_questions": lambda rng: rng.randint(20, 160),
    "n_teams": lambda rng: rng.randint(6, 18),
    "n_congress": lambda rng: rng.choice(["II", "III", "IV", "V", "VI", "VII", "VIII"]),
    "n_exec": lambda rng: rng.choice([5, 7, 9, 11, 13]),
    "n_clauses": lambda rng: rng.randint(8, 24),
    "n_cluster": lambda rng: rng.randint(1, 9),
    "n_collectives": lambda rng: rng.randint(5, 30),
    "n_people": lambda rng: rng.randint(10, 60),
    "percent": lambda rng: rng.randint(85, 100),
    "discount": lambda rng: rng.choice([20, 25, 30, 40, 50]),
    "money_small": lambda rng: format_number(rng.choice([200, 300, 500, 1000, 1500, 2000]) * 1000),
    "money_house": lambda rng: rng.choice([40, 50, 60, 70, 80]),
    "money_total": lambda rng: _thousands(rng, 8, 95, 10),
    "routes": lambda rng: rng.choice(ROUTES),
    "worker": _person,
    "partner": lambda rng: rng.choice(PARTNERS),
}


class _Facts(dict):
    def __init__(self, rng, **values):
        super().__init__(values)
        self.rng = rng

    def __missing__(self, key):
        value = self[key] = LAZY_FACTS[key](self.rng)
        return value


def _facts(rng, unit, cdcs, event_day):
    quarter = (event_day.month - 1) // 3 + 1
    name, _kind, members, workers = cdcs
    org, org_cap = _workplace(name)
    question, answer = QUESTIONS[rng.randrange(len(QUESTIONS))]
    part = ("Sáng", "Sáng", "Chiều", "Ngày")[rng.randrange(4)]
    year = event_day.year

    # A small union meets in full; a large one sends delegates.
    def attendance(count, who):
        if count <= 60:
            return f"toàn thể {format_number(count)} {who}"
        delegates = min(count // 2, rng.randint(8, 40) * 5)
        return f"{format_number(delegates)} đại biểu đại diện cho {format_number(count)} {who}"

    return _Facts(
        rng,
        unit=unit.label,
        unit_name=unit.name,
        place=unit.place,
        cdcs=name,
        org=org,
        Org=org_cap,
        members=format_number(members),
        workers=format_number(workers),
        when=f"{part} {event_day.day}/{event_day.month}",
        day=event_day.day,
        month=event_day.month,
        year=year,
        prev_year=year - 1 if event_day.month <= 6 else year,
        term=f"{year} – {year + 5}",
        year_next=year + 1,
        quarter_done=ROMAN[quarter - 1 or 4],
        quarter_next=ROMAN[quarter],
        question=question,
        answer=answer,
        attendance_members=attendance(members or 30, "đoàn viên"),
        attendance_workers=attendance(workers or 30, "người lao động"),
    )


def _dates(rng, count, start, end, recent=1.5):
    """`count` publication times between start and end, in office hours, oldest first; the
    newer, the denser (`recent` > 1), as a portal whose collaborators send more every year."""
    span = (end - start).total_seconds()
    hours = list(range(6, 23))
    weights = [2, 5, 8, 9, 9, 7, 6, 8, 9, 9, 8, 7, 5, 4, 3, 2, 1]
    result = []
    for _ in range(count):
        local = (end - timedelta(seconds=rng.random() ** recent * span)).astimezone(HANOI_TZ)
        local = local.replace(
            hour=rng.choices(hours, weights)[0], minute=rng.randrange(60), second=rng.randrange(60)
        )
        while local >= end:  # later today than now: the same hour, an earlier day
            local -= timedelta(days=1)
        if local < start:
            local += timedelta(days=1)
        result.append(local)
    result.sort()
    return result


def make_article(
    rng, topic_, unit, published, *, key, category=None, credit="CĐHN", headline=False
):
    """One generated article of `topic_` by `unit`, published at `published`; a `headline`
    is featured and has a picture, to lead the home page."""
    late = rng.random() < 0.12  # "gửi về quá muộn, không còn tính thời sự"
    gap = rng.randint(5, 20) if late else (0, 0, 0, 1, 1, 2, 3)[rng.randrange(7)]
    event_day = (published - timedelta(days=gap)).date()
    cdcs = unit.pick(rng, topic_["needs"]) or unit.pick(rng) or (unit.name, "", 0, 0)
    facts = _facts(rng, unit, cdcs, event_day)
    title = rng.choice(topic_["titles"]).format_map(facts)
    lead = topic_["lead"].format_map(facts)
    paragraphs = [text.format_map(facts) for text in topic_["paragraphs"]]
    # The lead picture and, in about half the items, another one in the body with its own
    # caption.
    themes = list(topic_["images"])
    rng.shuffle(themes)
    captions = [text.format_map(facts) for text in topic_["captions"]]
    rng.shuffle(captions)
    caption = captions[0]
    blocks = [("p", paragraphs[0])]
    if len(paragraphs) > 1 and len(themes) > 1 and rng.random() < 0.5:
        second = captions[1] if len(captions) > 1 else BODY_CAPTIONS[rng.randrange(3)]
        blocks.append(("image", themes[1], second, credit))
    blocks.extend(("p", text) for text in paragraphs[1:])
    if topic_["quote"] and rng.random() < 0.6:
        blocks.insert(min(2, len(blocks)), ("quote", *topic_["quote"]))
    if rng.random() < 0.05:
        pictures = rng.sample(range(len(IMAGE_THEMES)), 4)
        gallery = [(index, f"{image_label(index)} (ảnh minh họa).") for index in pictures]
        blocks.append(("gallery", "Một số hình ảnh", gallery, credit))
    if rng.random() < 0.15:
        blocks.append(("p", rng.choice(CLOSINGS)))
    has_image = rng.random() < 0.92 or headline
    return {
        "key": key,
        "category": category or topic_["category"],
        "title": title,
        "lead": lead,
        "blocks": blocks,
        "date": published,
        "event_date": event_day,
        "author": rng.choice(REPORTERS),
        "unit": unit.code,
        "tags": list(topic_["tags"]),
        "featured": rng.random() < 0.1 or headline,
        "promoted": False,
        "image": themes[0] if has_image else None,
        "image_caption": f"{caption} Ảnh: {credit}" if has_image else "",
    }


def _topics_for(category, published, units, used=()):
    """The topics of `category` that fit the day (season, not before their facts, one-off
    stories not told yet) and whose units, if the topic names any, are among `units`."""
    day = published.date()
    found = []
    for item in TOPICS:
        if item["category"] != category or item["key"] in used:
            continue
        if item["months"] and published.month not in item["months"]:
            continue
        if item["after"] and day < item["after"]:
            continue
        if item["units"] and not set(item["units"]) & set(units):
            continue
        found.append(item)
    return found


def _unit_for(rng, units, topic_, pool, weights):
    if topic_["units"]:
        for code in topic_["units"]:
            if code in units:
                return units[code]
    unit = rng.choices(pool, weights)[0]
    if topic_["needs"] and not unit.pool(topic_["needs"]):
        with_kind = [other for other in pool if other.pool(topic_["needs"])]
        unit = rng.choice(with_kind) if with_kind else unit
    return unit


def generate_articles(count, units, *, now, seed=SEED, days=730):
    """`count` articles for the federation's categories, oldest first, published over the
    `days` before `now`, the newest a featured headline with a picture. `units`: code ->
    UnitInfo of the Hà Nội federation's units."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    keys = list(CATEGORY_WEIGHTS)
    category_weights = [CATEGORY_WEIGHTS[key] for key in keys]
    pool = [unit for code, unit in units.items() if code not in ("HN", "TLD")]
    unit_weights = [3 if unit.short_name.startswith("LĐLĐ") else 2 for unit in pool]
    end = now - timedelta(minutes=30)
    dates = _dates(rng, count, end - timedelta(days=days), end)
    used = set()
    for number, published in enumerate(dates, start=1):
        category = rng.choices(keys, category_weights)[0]
        candidates = _topics_for(category, published, units, used) or [
            item for item in TOPICS if item["category"] == category and not item["units"]
        ]
        topic_ = rng.choice(candidates)
        if topic_["once"]:
            used.add(topic_["key"])
        unit = _unit_for(rng, units, topic_, pool, unit_weights)
        credit = "CĐHN" if rng.random() < 0.7 else unit.short_name
        yield make_article(
            rng,
            topic_,
            unit,
            published,
            key=f"tin-{number:06d}",
            credit=credit,
            headline=number == count,
        )


def generate_subsite_articles(unit, categories, *, now, count=SUBSITE_ARTICLES, seed=SEED):
    """`count` articles for a sub-site's own `categories` [(key, title, topic sources)], by
    the sub-site's unit, newest featured; every third one put forward to the federation's
    home page (promoted)."""
    rng = random.Random(f"{seed}-{unit.code}")  # noqa: S311 - reproducible demo data
    end = now - timedelta(minutes=45)
    dates = _dates(rng, count, end - timedelta(days=540), end)
    for number, published in enumerate(dates, start=1):
        key, _title, sources = categories[(number - 1) % len(categories)]
        pool = []
        for source in sources:
            if source in TOPIC_BY_KEY:
                pool.append(TOPIC_BY_KEY[source])
            else:
                pool.extend(
                    item for item in _topics_for(source, published, ()) if not item["units"]
                )
        topic_ = rng.choice(pool or [TOPIC_BY_KEY["van-hoa"]])
        article = make_article(
            rng,
            topic_,
            unit,
            published,
            key=f"{unit.code.lower()}-{number:03d}",
            category=key,
            credit=unit.short_name,
            headline=number == count,
        )
        article["promoted"] = number % 3 == 0
        yield article


# --------------------------------------------------------------------------------------------
# Plain pages.

ABOUT_BODY = [
    (
        "p",
        "Liên đoàn Lao động thành phố Hà Nội là tổ chức công đoàn cấp tỉnh, thành phố trực thuộc "
        "Tổng Liên đoàn Lao động Việt Nam, đại diện cho đoàn viên, người lao động Thủ đô; trực "
        "tiếp chỉ đạo Liên đoàn Lao động các quận, huyện, thị xã, các công đoàn ngành, Công đoàn "
        "các Khu công nghiệp và chế xuất Hà Nội và các công đoàn cấp trên trực tiếp cơ sở.",
    ),
    ("h2", "Trang thông tin điện tử"),
    (
        "p",
        "Trang thông tin điện tử của Liên đoàn Lao động Thành phố đi vào hoạt động từ năm 2008, "
        "là kênh truyền tải thông tin điều hành, chỉ đạo của Thường trực, Ban Thường vụ, Ban "
        "Chấp hành tới các cấp công đoàn: kế hoạch công tác quý, lịch công tác tuần, văn bản chỉ "
        "đạo và giấy mời họp kèm tài liệu được đăng tải trước khi gửi qua đường công văn.",
    ),
    (
        "p",
        "Năm 2015, trang đã đăng tải 1.262 tin, bài và 1.260 ảnh, bình quân 105 tin, bài mỗi "
        "tháng. Mỗi đơn vị trực thuộc có trang thông tin thành phần của mình trong cổng thông "
        "tin và đưa những tin nổi bật lên trang chủ của Liên đoàn.",
    ),
    ("h2", "Ban Biên tập"),
    (
        "p",
        "Ban Biên tập tiếp nhận, biên tập và đăng tải tin, bài, ảnh của cộng tác viên các đơn vị; "
        "chấm, trả nhuận bút cho tin, bài được sử dụng; định kỳ tập huấn và khen thưởng cộng tác "
        "viên tích cực.",
    ),
]

CONTACT_BODY = [
    (
        "p",
        "Liên đoàn Lao động thành phố Hà Nội – Ban Biên tập Trang thông tin điện tử. Địa chỉ: 82 "
        "Trần Hưng Đạo, Hoàn Kiếm, Hà Nội. Điện thoại: 024 3942 1791.",
    ),
    ("h2", "Gửi tin, bài, ảnh cộng tác"),
    (
        "p",
        "Cộng tác viên gửi tin ngay trong ngày diễn ra sự kiện: tin gửi về quá muộn không còn "
        "tính thời sự. Ảnh gửi kèm cần có chú thích (họ tên, chức vụ người trong ảnh) và nguồn "
        "ảnh, ví dụ “Ảnh: CĐHN”.",
    ),
    (
        "p",
        "Câu hỏi về chế độ, chính sách xin gửi vào chuyên mục “Công nhân hỏi – Công đoàn trả "
        "lời”; ý kiến góp ý vui lòng viết bằng tiếng Việt có dấu.",
    ),
]

ORG_CHART_BODY = [
    (
        "p",
        "Cơ cấu tổ chức của Liên đoàn Lao động thành phố Hà Nội: các công đoàn cấp trên trực "
        "tiếp cơ sở trực thuộc, với số công đoàn cơ sở, đoàn viên và người lao động của từng đơn "
        "vị, lấy từ hệ thống quản lý tổ chức.",
    ),
]

SUBSITE_ORG_CHART_BODY = [
    ("p", "Các công đoàn cơ sở trực thuộc và số đoàn viên, người lao động của từng đơn vị."),
]

PLAIN_PAGES = [
    ("Giới thiệu", "gioi-thieu", ABOUT_BODY, False),
    ("Cơ cấu tổ chức", "co-cau-to-chuc", ORG_CHART_BODY, True),
    ("Liên hệ", "lien-he", CONTACT_BODY, False),
]

# --------------------------------------------------------------------------------------------
# Drawing the illustrations.

FONT_CANDIDATES = [
    "DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/local/share/fonts/DejaVuSans-Bold.ttf",
    "/Library/Fonts/DejaVuSans-Bold.ttf",
    "DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


@lru_cache(maxsize=8)
def _font(size):
    from PIL import ImageFont

    for candidate in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow before 10.1
        return ImageFont.load_default()


def _rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _person_shape(draw, x, y, scale, color):
    head = 26 * scale
    draw.ellipse([x - head, y - 3 * head, x + head, y - head], fill=color)
    draw.rounded_rectangle(
        [x - 1.9 * head, y - 0.7 * head, x + 1.9 * head, y + 3.2 * head],
        radius=head,
        fill=color,
    )


def _star(cx, cy, outer, inner):
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _motif(draw, motif, rng, accent, light, banner=""):
    w = IMAGE_SIZE[0]
    white = (255, 255, 255, 235)
    soft = (*light, 170)
    if motif == "people":
        draw.rounded_rectangle([140, 70, 1060, 180], radius=14, fill=(180, 20, 30, 230))
        font = _font(46)
        width = draw.textlength(banner, font=font)
        draw.text((600 - width / 2, 98), banner, font=font, fill=(255, 230, 120, 255))
        for i in range(7):
            _person_shape(
                draw, 170 + i * 145, 400 + (i % 2) * 25, 1.0, (*_mix(accent, light, i / 9), 240)
            )
        draw.rectangle([90, 470, 1110, 500], fill=(90, 50, 30, 230))
    elif motif == "book":
        draw.polygon([(300, 130), (600, 170), (600, 470), (300, 430)], fill=white)
        draw.polygon([(900, 130), (600, 170), (600, 470), (900, 430)], fill=(245, 240, 230, 235))
        for i in range(8):
            y = 200 + i * 28
            draw.line([(330, y - 8), (570, y + 18)], fill=(*accent, 200), width=6)
            draw.line([(630, y + 18), (870, y - 8)], fill=(*accent, 200), width=6)
    elif motif == "phone":
        draw.rounded_rectangle([470, 60, 730, 480], radius=36, fill=(25, 25, 35, 240))
        draw.rounded_rectangle([490, 100, 710, 440], radius=12, fill=white)
        for i, (x, y) in enumerate([(260, 140), (820, 200), (250, 330), (840, 360)]):
            draw.rounded_rectangle(
                [x, y, x + 150, y + 70], radius=30, fill=(*_mix(accent, light, i / 4), 230)
            )
        draw.ellipse([560, 200, 640, 280], fill=(*accent, 230))
    elif motif == "bus":
        draw.rounded_rectangle([200, 170, 1000, 430], radius=40, fill=(200, 30, 40, 240))
        for i in range(6):
            draw.rounded_rectangle([250 + i * 120, 200, 340 + i * 120, 290], radius=10, fill=white)
        draw.rectangle([200, 330, 1000, 350], fill=(250, 210, 60, 240))
        for x in (330, 860):
            draw.ellipse([x - 55, 390, x + 55, 500], fill=(30, 30, 30, 250))
            draw.ellipse([x - 22, 423, x + 22, 467], fill=(200, 200, 200, 250))
    elif motif == "market":
        for i in range(4):
            x = 110 + i * 250
            for j in range(5):
                color = (210, 30, 40, 240) if j % 2 == 0 else (255, 220, 90, 240)
                draw.rectangle([x + j * 44, 170, x + (j + 1) * 44, 230], fill=color)
            draw.rectangle([x, 230, x + 220, 420], fill=(*light, 200))
            for k in range(3):
                draw.ellipse([x + 20 + k * 65, 330, x + 70 + k * 65, 380], fill=(*accent, 230))
    elif motif == "meal":
        draw.ellipse([260, 200, 940, 480], fill=(120, 70, 30, 240))
        draw.ellipse([290, 215, 910, 455], fill=(250, 235, 200, 240))
        for i in range(8):
            x = 360 + (i % 4) * 140
            y = 260 + (i // 4) * 100
            draw.ellipse([x, y, x + 90, y + 60], fill=white)
            draw.ellipse([x + 15, y + 10, x + 75, y + 45], fill=(*accent, 230))
    elif motif == "house":
        draw.polygon([(600, 80), (330, 280), (870, 280)], fill=(190, 40, 40, 240))
        draw.rectangle([380, 280, 820, 480], fill=white)
        draw.rectangle([560, 360, 640, 480], fill=(*accent, 240))
        draw.rectangle([420, 320, 510, 390], fill=(*light, 240))
        draw.rectangle([690, 320, 780, 390], fill=(*light, 240))
    elif motif == "card":
        draw.rounded_rectangle([330, 120, 870, 450], radius=30, fill=white)
        draw.rectangle([330, 190, 870, 250], fill=(*accent, 240))
        draw.rounded_rectangle([380, 300, 470, 370], radius=10, fill=(230, 190, 60, 250))
        draw.text((500, 300), "-50%", font=_font(64), fill=(200, 30, 40, 255))
    elif motif == "handshake":
        draw.rounded_rectangle([200, 250, 620, 330], radius=40, fill=(*light, 240))
        draw.rounded_rectangle([580, 250, 1000, 330], radius=40, fill=(*accent, 240))
        draw.ellipse([520, 220, 680, 360], fill=white)
        draw.rectangle([380, 400, 820, 470], fill=white)
    elif motif == "health":
        draw.ellipse([420, 100, 780, 460], fill=white)
        draw.rectangle([570, 170, 630, 390], fill=(210, 30, 40, 250))
        draw.rectangle([490, 250, 710, 310], fill=(210, 30, 40, 250))
    elif motif == "sport":
        draw.ellipse([430, 120, 770, 460], fill=white)
        for angle in range(5):
            x = 600 + 110 * [0, 1, 0.6, -0.6, -1][angle]
            y = 290 + 110 * [-1, -0.3, 0.8, 0.8, -0.3][angle]
            draw.ellipse([x - 40, y - 40, x + 40, y + 40], fill=(30, 30, 30, 240))
        draw.line([(0, 500), (w, 470)], fill=white, width=10)
    elif motif == "star":
        draw.polygon(_star(600, 290, 210, 90), fill=(255, 215, 40, 250))
    elif motif == "flower":
        for cx, cy, r in [(420, 280, 70), (620, 240, 90), (800, 300, 65)]:
            for i in range(6):
                a = i * math.pi / 3
                draw.ellipse(
                    [
                        cx + r * math.cos(a) - r * 0.7,
                        cy + r * math.sin(a) - r * 0.7,
                        cx + r * math.cos(a) + r * 0.7,
                        cy + r * math.sin(a) + r * 0.7,
                    ],
                    fill=(255, 255, 255, 200),
                )
            draw.ellipse(
                [cx - r * 0.5, cy - r * 0.5, cx + r * 0.5, cy + r * 0.5], fill=(250, 200, 40, 250)
            )
            draw.line([(cx, cy + r), (cx, 500)], fill=(40, 120, 60, 250), width=10)
    elif motif == "globe":
        draw.ellipse([420, 90, 780, 450], fill=(*light, 230), outline=white, width=8)
        draw.ellipse([530, 90, 670, 450], outline=white, width=6)
        for y in (180, 270, 360):
            draw.line([(440, y), (760, y)], fill=white, width=5)
    elif motif == "law":
        draw.rectangle([590, 120, 610, 420], fill=white)
        draw.line([(420, 170), (780, 170)], fill=white, width=10)
        for x in (440, 760):
            draw.polygon([(x, 180), (x - 70, 320), (x + 70, 320)], fill=(*light, 220))
        draw.rectangle([480, 420, 720, 460], fill=white)
    elif motif == "flag":
        draw.rectangle([300, 80, 312, 500], fill=(240, 240, 240, 250))
        draw.rectangle([312, 90, 760, 360], fill=(218, 37, 29, 250))
        draw.polygon(_star(536, 230, 95, 38), fill=(255, 221, 0, 250))
    elif motif == "shield":
        draw.polygon(
            [(600, 90), (820, 160), (790, 380), (600, 480), (410, 380), (380, 160)], fill=white
        )
        draw.ellipse([510, 200, 690, 330], fill=(250, 200, 30, 250))
        draw.rectangle([490, 300, 710, 330], fill=(250, 200, 30, 250))
    elif motif == "rain":
        for cx in (420, 620, 800):
            draw.ellipse([cx - 140, 100, cx + 140, 260], fill=(235, 240, 245, 235))
        for _ in range(60):
            x = rng.randint(280, 950)
            y = rng.randint(280, 480)
            draw.line([(x, y), (x - 12, y + 36)], fill=(*light, 230), width=5)
    elif motif == "chat":
        draw.rounded_rectangle([240, 110, 700, 280], radius=40, fill=white)
        draw.polygon([(320, 270), (300, 340), (400, 275)], fill=white)
        draw.rounded_rectangle([500, 300, 960, 460], radius=40, fill=(*light, 240))
        draw.polygon([(880, 450), (900, 510), (820, 455)], fill=(*light, 240))
        draw.text((410, 140), "?", font=_font(110), fill=(*accent, 255))
    elif motif == "music":
        for i in range(3):
            x = 360 + i * 220
            draw.ellipse([x, 350, x + 90, 420], fill=white)
            draw.rectangle([x + 70, 140, x + 90, 390], fill=white)
            draw.polygon([(x + 90, 140), (x + 160, 180), (x + 90, 200)], fill=white)
    else:
        draw.ellipse([450, 150, 750, 450], fill=soft)


def draw_image(index):
    """The JPEG bytes of illustration `index` of IMAGE_THEMES (deterministic)."""
    return _draw_image(index)


@lru_cache(maxsize=len(IMAGE_THEMES))
def _draw_image(index):
    from PIL import Image, ImageDraw

    key, title, motif, top, bottom = IMAGE_THEMES[index]
    rng = random.Random(f"image-{index}")  # noqa: S311 - reproducible demo pictures
    top, bottom = _rgb(top), _rgb(bottom)
    w, h = IMAGE_SIZE
    mask = Image.linear_gradient("L").resize((w, h))
    base = Image.composite(Image.new("RGB", (w, h), bottom), Image.new("RGB", (w, h), top), mask)
    overlay = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    light = _mix(bottom, (255, 255, 255), 0.45)
    for _ in range(9):
        radius = rng.randint(60, 260)
        x, y = rng.randint(-100, w + 100), rng.randint(-100, h)
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius], fill=(*light, rng.randint(18, 45))
        )
    draw.polygon(
        [(0, h * 0.62), (w, h * 0.45), (w, h * 0.55), (0, h * 0.72)], fill=(255, 255, 255, 28)
    )
    banner = next(
        (text for prefix, text in BANNERS.items() if key.startswith(prefix)), "CÔNG ĐOÀN THỦ ĐÔ"
    )
    _motif(draw, motif, rng, _mix(top, (0, 0, 0), 0.1), light, banner)
    # The caption band, as on a news photo, and the credit.
    band_top = h - 150
    draw.rectangle([0, band_top, w, h], fill=(10, 20, 40, 200))
    font = _font(44)
    lines = _wrap(draw, title, font, w - 120)[:2]
    for number, line in enumerate(lines):
        y = band_top + (30 if len(lines) == 1 else 18) + number * 56
        draw.text(
            (60, y + (20 if len(lines) == 1 else 0)), line, font=font, fill=(255, 255, 255, 255)
        )
    label = "Ảnh minh họa"
    small = _font(26)
    width = draw.textlength(label, font=small)
    draw.rounded_rectangle([w - width - 70, 28, w - 30, 78], radius=12, fill=(10, 20, 40, 170))
    draw.text((w - width - 50, 38), label, font=small, fill=(255, 255, 255, 255))
    image = Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()
