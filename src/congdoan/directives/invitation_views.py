"""The invitee's pages: my invitations, one invitation (opening it records it as read), the
answer, and the attached documents. An invitation outside the reader's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import invitations as services
from .forms import ResponseForm
from .models import Invitation
from .permissions import can_organise, received_invitations


def _visible(request, pk):
    request._congdoan_no_cache = True
    invitation = get_object_or_404(Invitation.objects.select_related("unit"), pk=pk)
    if received_invitations(request.user).filter(pk=pk).exists():
        return invitation, True
    if can_organise(request.user, invitation):
        return invitation, False
    raise Http404


@login_required
def inbox(request):
    request._congdoan_no_cache = True
    now = timezone.now()
    received = received_invitations(request.user).select_related("unit")
    rows = {}
    for invitation in received.filter(starts_at__gte=now - timezone.timedelta(days=1)).order_by(
        "starts_at"
    )[:200]:
        rows[invitation] = list(services.rows_for(request.user, invitation))
    past = received.filter(starts_at__lt=now - timezone.timedelta(days=1)).order_by("-starts_at")[
        :50
    ]
    return render(request, "directives/invitations/inbox.html", {"upcoming": rows, "past": past})


@login_required
def detail(request, pk):
    invitation, invitee = _visible(request, pk)
    rows = []
    if invitee:
        services.mark_read(user=request.user, invitation=invitation)
        rows = list(services.rows_for(request.user, invitation))
    open_for_answer = (
        invitation.status == Invitation.Status.SENT and invitation.starts_at > timezone.now()
    )
    forms = [
        (row, ResponseForm(prefix=f"r{row.pk}", initial=_initial(row)) if open_for_answer else None)
        for row in rows
    ]
    context = {
        "invitation": invitation,
        "forms": forms,
        "files": invitation.files.all(),
        "open_for_answer": open_for_answer,
    }
    return render(request, "directives/invitations/detail.html", context)


def _initial(row):
    return {
        "response": row.response if row.response != "pending" else "",
        "delegate_name": row.delegate_name,
        "delegate_position": row.delegate_position,
        "note": row.note,
    }


@login_required
@require_POST
def respond(request, pk):
    invitation, invitee = _visible(request, pk)
    if not invitee:
        raise Http404
    rows = {row.pk: row for row in services.rows_for(request.user, invitation)}
    try:
        row = rows[int(request.POST.get("recipient", ""))]
    except (KeyError, ValueError) as missing:
        raise Http404 from missing
    form = ResponseForm(request.POST, prefix=f"r{row.pk}")
    if form.is_valid():
        try:
            services.respond(user=request.user, recipient=row, **form.cleaned_data)
        except PermissionDenied as refused:
            raise Http404 from refused
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Đã ghi nhận trả lời của bạn. Cảm ơn!"))
            return redirect("invitations:detail", invitation.pk)
    forms = [
        (
            other,
            form
            if other.pk == row.pk
            else ResponseForm(prefix=f"r{other.pk}", initial=_initial(other)),
        )
        for other in rows.values()
    ]
    context = {
        "invitation": invitation,
        "forms": forms,
        "files": invitation.files.all(),
        "open_for_answer": True,
    }
    return render(request, "directives/invitations/detail.html", context, status=400)


@login_required
def download(request, pk, file_pk):
    invitation, _invitee = _visible(request, pk)
    item = get_object_or_404(invitation.files.all(), pk=file_pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    type(item).objects.filter(pk=item.pk).update(downloads=F("downloads") + 1)
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
