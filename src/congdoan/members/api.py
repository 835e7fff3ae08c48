"""API of the member database: /api/v1/members."""

from ninja import Router

router = Router(tags=["members"])
