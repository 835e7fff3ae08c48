"""The public API, version 1: one NinjaAPI that each domain app adds its router to."""

from ninja import NinjaAPI

from congdoan.core.api import install_validation_messages
from congdoan.directives.api import router as directives_router
from congdoan.members.api import router as members_router
from congdoan.news.api import router as news_router
from congdoan.org.api import router as org_router
from congdoan.search.api import router as search_router

api = NinjaAPI(
    title="congdoan API",
    version="1",
    description="API công khai của nền tảng Công đoàn: đơn vị, số liệu, tin tức, tìm kiếm.",
    urls_namespace="api-v1",
)
install_validation_messages(api)
api.add_router("/units", org_router)
api.add_router("/news", news_router)
api.add_router("/search", search_router)
api.add_router("/documents", directives_router)
api.add_router("/members", members_router)
