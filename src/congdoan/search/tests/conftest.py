import pytest

from congdoan.news.content import add_article
from congdoan.news.tests.conftest import Portal, at


class Corpus(Portal):
    """The portal of the news tests, plus items written from the seed texts for ranking."""

    def __init__(self, tree):
        super().__init__(tree)
        self.grassroots = add_article(
            self.propaganda,
            title="Đại hội Công đoàn cơ sở Trường THCS Ngọc Lâm",
            lead="Đại hội bầu Ban chấp hành nhiệm kỳ mới.",
            date=at(2016, 3, 1),
            unit=tree.long_bien,
        )
        self.scattered = add_article(
            self.propaganda,
            title="Cơ sở vật chất cho công nhân, đoàn viên khu công nghiệp",
            lead="Nhà văn hóa mới cho người lao động.",
            date=at(2016, 3, 5),
            unit=tree.dong_anh,
        )
        self.in_body = add_article(
            self.care,
            title="Chăm lo đời sống người lao động dịp Tết",
            lead="Các cấp công đoàn cơ sở trao quà cho đoàn viên khó khăn.",
            date=at(2016, 3, 10),
            unit=tree.long_bien,
        )
        self.workers = add_article(
            self.care,
            title="Người lao động khu công nghiệp được khám sức khỏe",
            lead="Đoàn viên được khám miễn phí.",
            date=at(2016, 2, 1),
            unit=tree.kcn,
        )
        self.culvert = add_article(
            self.care,
            title="Cống thoát nước ở khu nhà trọ được sửa",
            lead="Công đoàn phối hợp với chính quyền.",
            date=at(2015, 6, 1),
        )


@pytest.fixture
def corpus(tree):
    return Corpus(tree)
