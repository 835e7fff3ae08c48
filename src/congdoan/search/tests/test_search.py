"""Vietnamese search as readers use it: with or without diacritics, ranked, filtered."""

import pytest
from wagtail.models import PageViewRestriction

from congdoan.news.content import add_article
from congdoan.news.tests.conftest import at
from congdoan.search.models import QueryStat, SearchEntry
from congdoan.search.services import Filters, SearchError, parse_filters, search
from congdoan.search.text import fold, parse_query


def titles(text, **kwargs):
    return [hit.title for hit in search(text, record=False, **kwargs).hits]


def test_folding_takes_off_every_mark_and_d_bar():
    assert fold("CÔNG ĐOÀN Cơ Sở") == "cong doan co so"
    assert fold("Người lao động") == "nguoi lao dong"
    query = parse_query('  Công  "người lao động"  ')
    assert query.words == ["cong", "nguoi", "lao", "dong"]
    assert query.phrases == [["nguoi", "lao", "dong"]]


def test_without_diacritics_finds_with_diacritics_and_adjacent_title_first(corpus):
    found = titles("cong doan co so")
    # Adjacent in the title, then adjacent in the body, then scattered in the title.
    assert found[:3] == [
        corpus.grassroots.title,
        corpus.in_body.title,
        corpus.scattered.title,
    ]


def test_upper_case_and_d_bar_fold_alike(corpus):
    assert titles("CONG DOAN CO SO") == titles("Công Đoàn Cơ Sở")[: len(titles("CONG DOAN CO SO"))]
    assert corpus.grassroots.title in titles("dai hoi")
    assert corpus.grassroots.title in titles("ĐẠI HỘI")


def test_exact_diacritics_rank_above_folded_matches(corpus):
    # "cống" (a culvert) and "công" fold alike; typed with its marks, the culvert comes first
    # although it is the oldest item.
    assert titles("cống")[0] == corpus.culvert.title
    assert titles("cong")[0] != corpus.culvert.title


def test_quoted_phrase_matches_as_a_phrase(corpus):
    found = titles('"nguoi lao dong"')
    assert corpus.workers.title in found and corpus.in_body.title in found
    assert corpus.grassroots.title not in found
    # Unquoted, the syllables may be scattered: "người" and "lao động" apart still match.
    add_article(
        corpus.care,
        title="Lao động trẻ và người thân",
        lead="Động viên",
        date=at(2016, 4, 1),
    )
    assert "Lao động trẻ và người thân" in titles("nguoi lao dong")
    assert "Lao động trẻ và người thân" not in titles('"nguoi lao dong"')


def test_title_ranks_above_body_and_recency_breaks_ties(corpus):
    found = titles("nguoi lao dong")
    # Both have the phrase in the title; the newer first. The body-only match comes after.
    assert found.index(corpus.in_body.title) < found.index(corpus.workers.title)
    newer = add_article(
        corpus.care, title="Tin khác", lead="Người lao động được thưởng.", date=at(2016, 5, 1)
    )
    found = titles("nguoi lao dong")
    assert found.index(newer.title) > found.index(corpus.workers.title)


def test_filters_by_kind_category_unit_subtree_and_dates(corpus, tree):
    every = set(titles("doan vien"))
    assert corpus.in_body.title in every and corpus.workers.title in every
    in_care = titles("doan vien", filters=parse_filters(category=str(corpus.care.pk)))
    assert corpus.in_body.title in in_care and corpus.grassroots.title not in titles(
        "dai hoi", filters=parse_filters(category=str(corpus.care.pk))
    )
    in_news = titles("doan vien", filters=parse_filters(category=str(corpus.news.pk)))
    assert corpus.in_body.title in in_news  # a parent category holds its subcategories
    long_bien = titles("cong doan", filters=parse_filters(unit="hn-lb"))
    assert corpus.in_body.title in long_bien and corpus.scattered.title not in long_bien
    hanoi = titles("cong doan", filters=parse_filters(unit="HN"))
    assert corpus.scattered.title in hanoi  # Đông Anh is under Hà Nội
    march = titles("doan vien", filters=parse_filters(date_from="01/03/2016", date_to="2016-03-31"))
    assert corpus.in_body.title in march and corpus.workers.title not in march
    assert titles("doan vien", filters=parse_filters(kind="page")) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "video"}, "Không có loại nội dung"),
        ({"category": "abc"}, "Không có chuyên mục"),
        ({"category": "999999"}, "Không có chuyên mục"),
        ({"unit": "KHONG-CO"}, "Không có đơn vị"),
        ({"date_from": "31/02/2016"}, "không đúng dạng"),
        ({"date_from": "2016-05-01", "date_to": "2016-04-01"}, "phải trước"),
    ],
)
def test_bad_filters_are_refused_in_vietnamese(corpus, params, message):
    with pytest.raises(SearchError, match=message):
        parse_filters(**params)


def test_unpublished_deleted_and_private_items_never_appear(corpus):
    assert corpus.draft.title not in titles("ban nhap")
    assert titles("cong tac thong tin")
    corpus.seed.unpublish()
    assert titles("cong tac thong tin") == []
    corpus.seed.save_revision().publish()
    assert titles("cong tac thong tin")
    restriction = PageViewRestriction.objects.create(
        page=corpus.propaganda, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles("cong tac thong tin") == []
    assert corpus.grassroots.title not in titles("dai hoi")
    restriction.delete()
    assert corpus.grassroots.title in titles("dai hoi")
    corpus.grassroots.delete()
    assert corpus.grassroots.title not in titles("dai hoi")
    assert not SearchEntry.objects.filter(object_id=str(corpus.grassroots.pk)).exists()


def test_a_published_item_is_searchable_at_once_and_moves_with_its_page(corpus):
    item = add_article(corpus.care, title="Hội thi nữ công giỏi việc nước", date=at(2016, 6, 1))
    hit = search("hoi thi nu cong", record=False).hits[0]
    assert hit.title == item.title and hit.url == item.url
    item.move(corpus.propaganda, pos="last-child")
    item.refresh_from_db()
    hit = search("hoi thi nu cong", record=False).hits[0]
    assert hit.url == item.url and "/tuyen-truyen-giao-duc/" in hit.url


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "x" * 10000,
        "công đoàn " * 2000,
        "'; DROP TABLE search_searchentry; --",
        '" AND OR NOT NEAR( * ^ : cong" doan',
        "cong & doan | !lao <-> dong",
        "cong\x00doan\x07\x1b",
        "công đoàn 🎉🔥",
        "{title}: cong",
    ],
)
def test_hostile_queries_neither_fail_nor_run_away(corpus, text):
    results = search(text, record=False)
    assert results.count >= 0
    assert SearchEntry.objects.exists()


def test_snippet_marks_the_matched_words_and_escapes_the_rest(corpus):
    add_article(
        corpus.care,
        title="Tin có mã độc",
        lead="Đoạn <script>alert(1)</script> nói về công đoàn cơ sở & đoàn viên.",
        date=at(2016, 7, 1),
    )
    hit = next(h for h in search("cong doan", record=False).hits if h.title == "Tin có mã độc")
    assert "<script>" not in hit.snippet and "&lt;script&gt;" in hit.snippet
    assert "<mark>công</mark> <mark>đoàn</mark>" in hit.snippet
    assert "&amp;" in hit.snippet


def test_sort_by_date_and_paging(corpus):
    by_date = search("doan", sort="date", record=False).hits
    dates = [hit.published_at for hit in by_date]
    assert dates == sorted(dates, reverse=True)
    first = search("doan", page_size=2, record=False)
    second = search("doan", page=2, page_size=2, record=False)
    assert len(first.hits) == 2 and first.count > 2
    assert not {h.title for h in first.hits} & {h.title for h in second.hits}
    with pytest.raises(SearchError):
        search("doan", page=51, record=False)


def test_nothing_found_suggests_a_corrected_query_with_diacritics(corpus):
    results = search("cônh đoàn cơ sỏ", record=False)
    assert results.count == 0
    assert results.suggestion == "công đoàn cơ sở"
    # A correction that would find nothing either is not offered.
    assert search("khong co gi ca xyzw", record=False).suggestion == ""


def test_queries_are_counted_per_month_with_those_that_found_nothing(corpus):
    search("Công đoàn")
    search("cong doan")
    search("xyzw khong thay")
    stats = {row.query: row for row in QueryStat.objects.all()}
    assert stats["cong doan"].searches == 2 and stats["cong doan"].empty == 0
    assert stats["xyzw khong thay"].empty == 1


def test_reindex_rebuilds_the_same_index(corpus):
    from django.core.management import call_command

    from congdoan.search.index import clear

    before = titles("cong doan")
    clear()
    assert titles("cong doan") == []
    call_command("reindex", "--no-progress")
    assert titles("cong doan") == before
    assert Filters().terms() == []


def test_reindex_refuses_an_unknown_kind_and_skips_a_full_index_when_asked(corpus):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Không có loại nội dung"):
        call_command("reindex", "--kind", "video", "--no-progress")
    SearchEntry.objects.filter(object_id=str(corpus.seed.pk)).delete()
    call_command("reindex", "--if-empty", "--no-progress")
    assert titles("cong tac thong tin") == []  # the index was not empty: left alone
    call_command("reindex", "--kind", "news", "--no-progress")
    assert titles("cong tac thong tin") == [corpus.seed.title]


def test_moving_a_unit_moves_its_items_in_the_unit_filter(corpus, tree, superuser):
    from congdoan.org.services import move_unit

    item = add_article(
        corpus.care, title="Trường học khám sức khỏe", date=at(2016, 6, 2), unit=tree.lb_school
    )
    assert titles("kham suc khoe", filters=parse_filters(unit="HN-LB")) == [item.title]
    assert titles("kham suc khoe", filters=parse_filters(unit="HN-DA")) == []
    tree.refresh()
    move_unit(actor=superuser, unit=tree.lb_school, new_parent=tree.dong_anh)
    assert titles("kham suc khoe", filters=parse_filters(unit="HN-LB")) == []
    assert titles("kham suc khoe", filters=parse_filters(unit="HN-DA")) == [item.title]


def test_old_and_new_tone_placement_and_eth_fold_alike(corpus):
    from congdoan.search.text import accent_key

    assert accent_key("hoà") == accent_key("hòa") == "hoa2"
    assert accent_key("thuỷ") == accent_key("thủy")
    assert accent_key("Đoàn") == "ddoan2" and accent_key("công") == "co6ng"
    assert fold("ÐOÀN KẾT") == "doan ket"
    item = add_article(corpus.care, title="Hoà giải tại cơ sở", date=at(2015, 1, 1))
    add_article(corpus.care, title="Hoa giai điệu mùa xuân", date=at(2016, 12, 1))
    # Typed with the new placement, the item written with the old one ranks first.
    assert titles("hòa giải")[0] == item.title


def test_pasted_data_and_very_long_texts_are_indexed_without_failing(corpus):
    blob = "A" * 5000
    item = add_article(
        corpus.care,
        title="Tin kèm dữ liệu dán nhầm",
        lead=f"{blob} đoàn viên " + "công đoàn cơ sở " * 3000,
        date=at(2016, 10, 1),
    )
    hit = next(h for h in search("doan vien", record=False).hits if h.title == item.title)
    assert "<mark>đoàn</mark> <mark>viên</mark>" in hit.snippet


def test_a_crowded_second_still_gives_every_item_its_own_key():
    from datetime import UTC, datetime

    from congdoan.search.index import _free_key, sort_key
    from congdoan.search.models import SORT_KEY_SHIFT

    moment = datetime(2016, 1, 29, 7, 4, 29, tzinfo=UTC)
    base = sort_key(moment)
    full = set(range(base, base + (1 << SORT_KEY_SHIFT)))
    key = _free_key(moment, full)
    assert key not in full and key < base


def test_suggestion_vocabulary_follows_what_the_index_holds(corpus):
    from congdoan.search.models import Vocabulary

    def count(folded):
        row = Vocabulary.objects.filter(folded=folded).order_by("-count").first()
        return row.count if row else 0

    before = count("ngoc lam")
    assert before >= 1
    corpus.grassroots.save_revision().publish()
    corpus.grassroots.save_revision().publish()
    assert count("ngoc lam") == before
    corpus.grassroots.unpublish()
    assert count("ngoc lam") == before - 1
