"""The news API: counting article views without touching the cached page."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from ninja import Path, Router
from ninja.errors import HttpError

from congdoan.core.api import MAX_ID

from .models import ArticlePage, ArticleView, live_public

router = Router(tags=["news"])


@router.post(
    "/articles/{article_id}/views", response={204: None}, summary="Đếm một lượt xem tin bài"
)
def count_view(request, article_id: int = Path(..., ge=1, le=MAX_ID)):
    if not live_public(ArticlePage.objects.filter(pk=article_id)).exists():
        raise HttpError(404, "Không tìm thấy tin bài.")
    today = timezone.localdate()
    updated = ArticleView.objects.filter(article_id=article_id, day=today).update(
        count=F("count") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                ArticleView.objects.create(article_id=article_id, day=today, count=1)
        except IntegrityError:
            ArticleView.objects.filter(article_id=article_id, day=today).update(
                count=F("count") + 1
            )
    return 204, None
